import { isRecord, type JsonObject } from '../internal/json';

/** The PROTOCOL.md flows a corpus must cover, with their anchors. */
export const PROTOCOL_FLOWS = [
  { anchor: 'flow-turn', title: 'A turn' },
  { anchor: 'flow-permissions', title: 'Permissions: allow, deny, updatedInput, updatedPermissions' },
  { anchor: 'askuserquestion', title: 'AskUserQuestion' },
  { anchor: 'plan-mode', title: 'Plan mode' },
  { anchor: 'flow-interrupt', title: 'Interrupt' },
  { anchor: 'flow-initialize', title: 'Initialize and re-armed pending requests' },
  { anchor: 'hooks', title: 'Hooks' },
  { anchor: 'mcp', title: 'MCP forwarding' },
  { anchor: 'flow-resume', title: 'Keep-alive, idle, reconnect and resume' },
] as const;

function requestOf(frame: JsonObject): JsonObject | undefined {
  return frame.type === 'control_request' && isRecord(frame.request) ? frame.request : undefined;
}

function answerOf(frame: JsonObject): JsonObject | undefined {
  if (frame.type !== 'control_response' || !isRecord(frame.response)) return undefined;
  return isRecord(frame.response.response) ? frame.response.response : undefined;
}

/**
 * The PROTOCOL.md sections a recording exercises, derived from its frames (both directions, in
 * order), as `PROTOCOL.md#anchor` in a stable order.
 */
export function sectionsOf(frames: readonly unknown[]): string[] {
  const found = new Set<string>();
  const add = (anchor: string): void => {
    found.add(anchor);
  };
  const uuids = new Set<string>();
  for (const value of frames) {
    if (!isRecord(value)) continue;
    // A frame seen twice was re-sent after a reconnect (the CLI over --sdk-url re-sends by uuid).
    if (typeof value.uuid === 'string') {
      if (uuids.has(value.uuid)) add('flow-resume');
      uuids.add(value.uuid);
    }
    const request = requestOf(value);
    const answer = answerOf(value);
    if (value.type === 'result') add('flow-turn');
    if (value.type === 'stream_event') add('stream-event');
    if (value.type === 'system' && value.subtype === 'api_retry') add('system-frames');
    if (value.type === 'system' && value.subtype === 'status' && typeof value.permissionMode === 'string') add('permission-modes');
    if (value.type === 'control_cancel_request') add('control-cancel');
    if (value.type === 'keep_alive') add('keep-alive');
    if (value.type === 'command_lifecycle') add('command-lifecycle');
    if (value.type === 'system' && (value.subtype === 'task_started' || value.subtype === 'background_tasks_changed')) add('tasks');
    if (value.type === 'system' && value.subtype === 'init' && Array.isArray(value.capabilities)) add('system-init');
    if (request !== undefined) {
      switch (request.subtype) {
        case 'can_use_tool':
          add('flow-permissions');
          if (request.tool_name === 'AskUserQuestion') add('askuserquestion');
          if (request.tool_name === 'ExitPlanMode') add('plan-mode');
          break;
        case 'interrupt':
          add('flow-interrupt');
          break;
        case 'initialize':
          add('flow-initialize');
          break;
        case 'hook_callback':
          add('hooks');
          break;
        case 'mcp_message':
        case 'mcp_status':
          add('mcp');
          break;
        case 'set_model':
          add('set-model');
          break;
        case 'set_permission_mode':
          add('set-permission-mode');
          break;
        default:
          break;
      }
    }
    if (answer !== undefined && Array.isArray(answer.updatedPermissions)) add('permission-updates');
  }
  const order = [...PROTOCOL_FLOWS.map((f) => f.anchor as string)];
  return [...found].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b)).map((a) => `PROTOCOL.md#${a}`);
}

function rank(order: readonly string[], anchor: string): number {
  const i = order.indexOf(anchor);
  return i < 0 ? order.length : i;
}
