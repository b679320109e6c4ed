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
 * Answers a host→agent control request other than `interrupt` the way CLI 2.1.337 does: side
 * frames first, then the `control_response`; refused values get the CLI's `error_code`; unknown
 * subtypes get `Unsupported control request subtype: X` (`unsupported_request`).
 */
export function answerControlRequest(state: ScriptedState, defaultModel: string, frame: Record<string, unknown>): void {
  const { ctx } = state;
  const requestId = typeof frame.request_id === 'string' ? frame.request_id : '';
  const request = (frame.request ?? {}) as Record<string, unknown>;
  const subtype = String(request.subtype);
  switch (subtype) {
    case 'set_model': {
      // CLI 2.1.337's checks and error codes.
      if (request.model !== undefined && request.model !== null && typeof request.model !== 'string') {
        ctx.emit(controlError(requestId, 'set_model: model must be a string', 'invalid_request'));
        return;
      }
      if (request.only_if_model_is_current !== undefined && typeof request.only_if_model_is_current !== 'boolean') {
        ctx.emit(controlError(requestId, 'set_model: only_if_model_is_current must be true, false or absent', 'invalid_request'));
        return;
      }
      if (request.model === '') {
        ctx.emit(controlError(requestId, 'Model "(unrecognized model name)" is not a recognized model id. Run /model to see available models.', 'catalog_unknown'));
        return;
      }
      const asked = typeof request.model === 'string' ? request.model : undefined;
      if (asked === undefined || asked === 'default') {
        state.model = defaultModel;
        ctx.emit(localCommandOutput(ctx.sessionId, `Set model to Default (${defaultModel})`));
      } else {
        const full = MODEL_ALIASES[asked];
        state.model = full ?? asked;
        ctx.emit(localCommandOutput(ctx.sessionId, `Set model to ${full === undefined ? asked : `${asked} (${full})`}`));
      }
      ctx.emit(controlSuccess(requestId, { model: state.model }));
      return;
    }
    case 'set_permission_mode': {
      // CLI 2.1.337 refuses anything but a known mode (exact case) and takes `manual` as `default`.
      const mode = request.mode === 'manual' ? 'default' : request.mode;
      if (!PermissionModeSchema.safeParse(mode).success) {
        ctx.emit(controlError(requestId, `Cannot set permission mode: must be one of ${[...PermissionModeSchema.options].sort().join(', ')}`, 'invalid_mode'));
        return;
      }
      state.permissions.mode = mode as string;
      // The CLI answers first, then announces the new mode.
      ctx.emit(controlSuccess(requestId, { mode }));
      ctx.emit(permissionModeStatus(ctx.sessionId, mode as string));
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
