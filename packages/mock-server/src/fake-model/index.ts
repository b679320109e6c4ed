export { createFakeModelServer } from './server';
export type {
  FakeModelAnswer,
  FakeModelServer,
  FakeModelServerOptions,
  RecordedRequest,
  ServedAnswer,
} from './server';
export { systemClock } from './clock';
export type { FakeModelClock } from './clock';
export { createIdSource } from './ids';
export type { IdSource } from './ids';
export { encodeSseEvent, planMessage, splitText } from './stream';
export type {
  FakeContentBlock,
  FakeMessage,
  FakeUsage,
  PlanContext,
  PlannedMessage,
  StreamStep,
} from './stream';
export { ConversationPlayer, viewRequest } from './conversation';
export type { RequestView, Selection, ToolCallView } from './conversation';
export { looksDenied } from './denial';
export type { ToolResultView } from './denial';
export { defaultErrorType, errorBody } from './errors';
export { fakeModelCliEnv } from './cli-env';
export type { FakeModelCliEnvOptions } from './cli-env';
