import { PermissionModeSchema } from '@ccr-kit/protocol-types';
import { controlError, controlSuccess, permissionModeStatus } from './frames';
import type { ScriptedState } from './state';

/** Model aliases the CLI resolves in `set_model`. */
const MODEL_ALIASES: Readonly<Record<string, string>> = {
  sonnet: 'claude-sonnet-4-5',
  opus: 'claude-opus-4-1',
  haiku: 'claude-haiku-4-5',
};

function localCommandOutput(sessionId: string, text: string): Record<string, unknown> {
  return {
    type: 'user',
    message: { role: 'user', content: `<local-command-stdout>${text}</local-command-stdout>` },
    parent_tool_use_id: null,
    session_id: sessionId,
  };
}

/**
 * Answers a host→agent control request other than `interrupt` the way CLI 2.1.197 does: side
 * frames first, then the `control_response`; unknown subtypes get `Unsupported control request subtype: X`.
 */
export function answerControlRequest(state: ScriptedState, defaultModel: string, frame: Record<string, unknown>): void {
  const { ctx } = state;
  const requestId = typeof frame.request_id === 'string' ? frame.request_id : '';
  const request = (frame.request ?? {}) as Record<string, unknown>;
  const subtype = String(request.subtype);
  switch (subtype) {
    case 'set_model': {
      const asked = typeof request.model === 'string' ? request.model : undefined;
      if (asked === undefined || asked === 'default') {
        state.model = defaultModel;
        ctx.emit(localCommandOutput(ctx.sessionId, `Set model to Default (${defaultModel})`));
      } else {
        const full = MODEL_ALIASES[asked];
        state.model = full ?? asked;
        ctx.emit(localCommandOutput(ctx.sessionId, `Set model to ${full === undefined ? asked : `${asked} (${full})`}`));
      }
      ctx.emit(controlSuccess(requestId));
      return;
    }
    case 'set_permission_mode': {
      const mode = String(request.mode);
      state.permissions.mode = mode;
      // An unknown mode is accepted and echoed, but no status frame announces it.
      if (PermissionModeSchema.safeParse(mode).success) ctx.emit(permissionModeStatus(ctx.sessionId, mode));
      ctx.emit(controlSuccess(requestId, { mode }));
      return;
    }
    case 'set_max_thinking_tokens':
    case 'rename_session':
      ctx.emit(controlSuccess(requestId));
      return;
    case 'mcp_status':
      ctx.emit(controlSuccess(requestId, { mcpServers: state.mcp.statuses() }));
      return;
    default:
      ctx.emit(controlError(requestId, `Unsupported control request subtype: ${subtype}`));
  }
}
