export { CdpConnection, closeTarget, listTargets, newTarget } from './browser/cdp';
export type { CdpEvent, CdpTarget } from './browser/cdp';
export { captureBrowser } from './browser/capture';
export type { BrowserCapture, BrowserCaptureOptions } from './browser/capture';
export { launchChromium } from './browser/launch';
export type { LaunchChromiumOptions, LaunchedBrowser } from './browser/launch';
export { CdpNetworkRecorder } from './browser/network';
export type { CdpCalls, CdpNetworkRecorderOptions } from './browser/network';
export { runCli } from './cli/main';
export type { CliIo } from './cli/main';
export { RecorderError, RedactionLeakError } from './errors';
export type { LeakLocation, RecorderErrorCode } from './errors';
export { tapeToHar } from './har/export';
export type { TapeToHarResult } from './har/export';
export { harToTapeEvents, importHar } from './har/import';
export type { ImportHarOptions } from './har/import';
export type { Har, HarEntry, HarNameValue, HarSseEvent, HarWebSocketClose, HarWebSocketMessage } from './har/types';
export { createRecordingProxy } from './proxy/proxy';
export type { RecordingProxy, RecordingProxyOptions } from './proxy/proxy';
export { compileJsonPath, matchJsonPath } from './redact/json-path';
export type { CompiledJsonPath } from './redact/json-path';
export { Pseudonyms, isPlaceholder } from './redact/pseudonyms';
export { Redactor } from './redact/redactor';
export type { RedactionOptions, RedactionReport } from './redact/redactor';
export {
  CREDENTIAL_PATTERNS,
  EMAIL_PATTERN,
  cookieRule,
  defaultRedactionRules,
  headerRule,
  jsonPathRule,
  patternRule,
  queryRule,
} from './redact/rules';
export type { CookieRule, HeaderRule, JsonPathRule, PathRule, PatternRule, QueryRule, RedactionRule } from './redact/rules';
export type { LeakFinding } from './redact/scan';
export { SECRET_ENV_VARS, secretsFromEnv } from './redact/secrets';
export type { KnownSecret } from './redact/secrets';
export { tapProcess } from './stdio/tap';
export type { StdioTap, StdioTapExit, StdioTapOptions } from './stdio/tap';
export { tapeFrames } from './tape/frames';
export type { TapeFrame } from './tape/frames';
export { TapeNormalizer, normalizeTapeEvent, normalizeTapeEvents } from './tape/normalize';
export { TapeRecorder } from './tape/recorder';
export type { TapeEventInput, TapeRecorderOptions, TapeSummary } from './tape/recorder';
export { FileTapeSink, MemoryTapeSink, createTapeFile, summaryPathFor } from './tape/sink';
export type { TapeSink } from './tape/sink';
export { recordTransport } from './transport';
export type { RecordTransportOptions, RecordableTransport, RecordableTransportCloseInfo, RecordableTransportMessage } from './transport';
export { RECORDER_TOOL } from './version';
