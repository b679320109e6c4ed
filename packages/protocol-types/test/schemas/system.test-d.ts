import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { describe, expectTypeOf, test } from 'vitest';
import type { SystemFrame } from '../../src/frames';
import type {
  SystemApiRetry,
  SystemCompactBoundary,
  SystemInit,
  SystemSessionStateChanged,
  SystemStatus,
} from '../../src/schemas/system';
import type {
  SystemHookProgress,
  SystemHookResponse,
  SystemHookStarted,
} from '../../src/schemas/system-hooks';
import type {
  SystemCommandsChanged,
  SystemControlRequestProgress,
  SystemElicitationComplete,
  SystemFilesPersisted,
  SystemInformational,
  SystemLocalCommandOutput,
  SystemMemoryRecall,
  SystemMirrorError,
  SystemModelRefusalFallback,
  SystemModelRefusalNoFallback,
  SystemNotification,
  SystemPermissionDenied,
  SystemPluginInstall,
  SystemSessionWritesLost,
  SystemThinkingTokens,
  SystemWorkerShuttingDown,
} from '../../src/schemas/system-notices';
import type {
  BackgroundTasksChanged,
  TaskNotification,
  TaskProgress,
  TaskStarted,
  TaskUpdated,
} from '../../src/schemas/tasks';

/** The official `type: 'system'` message with a given subtype, reached through the exported union. */
type Official<S extends string> = Extract<SDKMessage, { type: 'system'; subtype: S }>;

// What the official SDK produces, we accept: every official system message must fit our schema.
describe('system frames accept the official SDK types', () => {
  test('init, status, retry, state and compaction', () => {
    expectTypeOf<Official<'init'>>().toExtend<SystemInit>();
    expectTypeOf<Official<'status'>>().toExtend<SystemStatus>();
    expectTypeOf<Official<'api_retry'>>().toExtend<SystemApiRetry>();
    expectTypeOf<Official<'session_state_changed'>>().toExtend<SystemSessionStateChanged>();
    expectTypeOf<Official<'compact_boundary'>>().toExtend<SystemCompactBoundary>();
  });

  test('notices', () => {
    expectTypeOf<Official<'informational'>>().toExtend<SystemInformational>();
    expectTypeOf<Official<'local_command_output'>>().toExtend<SystemLocalCommandOutput>();
    expectTypeOf<Official<'notification'>>().toExtend<SystemNotification>();
    expectTypeOf<Official<'commands_changed'>>().toExtend<SystemCommandsChanged>();
    expectTypeOf<Official<'worker_shutting_down'>>().toExtend<SystemWorkerShuttingDown>();
    expectTypeOf<Official<'session_writes_lost'>>().toExtend<SystemSessionWritesLost>();
    expectTypeOf<Official<'mirror_error'>>().toExtend<SystemMirrorError>();
    expectTypeOf<Official<'files_persisted'>>().toExtend<SystemFilesPersisted>();
    expectTypeOf<Official<'plugin_install'>>().toExtend<SystemPluginInstall>();
    expectTypeOf<Official<'memory_recall'>>().toExtend<SystemMemoryRecall>();
    expectTypeOf<Official<'thinking_tokens'>>().toExtend<SystemThinkingTokens>();
    expectTypeOf<Official<'control_request_progress'>>().toExtend<SystemControlRequestProgress>();
    expectTypeOf<Official<'elicitation_complete'>>().toExtend<SystemElicitationComplete>();
    expectTypeOf<Official<'permission_denied'>>().toExtend<SystemPermissionDenied>();
    expectTypeOf<Official<'model_refusal_fallback'>>().toExtend<SystemModelRefusalFallback>();
    expectTypeOf<Official<'model_refusal_no_fallback'>>().toExtend<SystemModelRefusalNoFallback>();
  });

  test('hooks', () => {
    expectTypeOf<Official<'hook_started'>>().toExtend<SystemHookStarted>();
    expectTypeOf<Official<'hook_progress'>>().toExtend<SystemHookProgress>();
    expectTypeOf<Official<'hook_response'>>().toExtend<SystemHookResponse>();
  });

  test('tasks', () => {
    expectTypeOf<Official<'task_started'>>().toExtend<TaskStarted>();
    expectTypeOf<Official<'task_progress'>>().toExtend<TaskProgress>();
    expectTypeOf<Official<'task_updated'>>().toExtend<TaskUpdated>();
    expectTypeOf<Official<'task_notification'>>().toExtend<TaskNotification>();
    expectTypeOf<Official<'background_tasks_changed'>>().toExtend<BackgroundTasksChanged>();
  });

  test('every official system subtype has a frame of its own', () => {
    type OfficialSystem = Extract<SDKMessage, { type: 'system' }>;
    expectTypeOf<OfficialSystem>().toExtend<SystemFrame>();
    expectTypeOf<Official<'init'>>().toExtend<SystemFrame<'init'>>();
    expectTypeOf<Official<'task_updated'>>().toExtend<SystemFrame<'task_updated'>>();
  });
});
