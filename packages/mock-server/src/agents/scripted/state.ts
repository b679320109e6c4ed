import type { AgentContext } from '../../agent';
import type { HookRegistry } from './hooks';
import type { AgentIds } from './ids';
import type { McpBridge } from './mcp';
import type { PermissionState } from './permissions';
import type { OutboundRequests } from './requests';

/** Everything a scripted turn needs from its session. */
export interface ScriptedState {
  readonly ctx: AgentContext;
  readonly ids: AgentIds;
  readonly permissions: PermissionState;
  readonly requests: OutboundRequests;
  readonly hooks: HookRegistry;
  readonly mcp: McpBridge;
  readonly cwd: string;
  /** Whether `stream_event` partials are emitted (the CLI's `--include-partial-messages`). */
  readonly partialMessages: boolean;
  /** How many times a retryable API error is retried before the turn fails. */
  readonly maxRetries: number;
  /** The model the next request uses (`set_model` changes it). */
  model: string;
  /** Emits `system/session_state_changed` when the state really changes. */
  setState(state: 'idle' | 'running' | 'requires_action'): void;
}
