/** Models the fake `GET /v1/models` lists unless told otherwise. */
export const DEFAULT_MODELS: readonly string[] = ['claude-opus-4-8', 'claude-sonnet-5', 'claude-haiku-4-5'];

const CREATED_AT = '2025-01-01T00:00:00Z';

function modelInfo(id: string): Record<string, unknown> {
  return { type: 'model', id, display_name: id, created_at: CREATED_AT };
}

/** The body of `GET /v1/models`. */
export function listModelsBody(models: readonly string[]): Record<string, unknown> {
  return {
    data: models.map(modelInfo),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  };
}

/** The body of `GET /v1/models/{id}` (any id is known: the fake model answers as whatever it is asked to be). */
export function getModelBody(id: string): Record<string, unknown> {
  return modelInfo(id);
}

/** A deterministic token estimate for `POST /v1/messages/count_tokens` (about four characters a token). */
export function countTokensBody(body: Record<string, unknown>): Record<string, unknown> {
  const counted = JSON.stringify([body.system ?? null, body.messages ?? null, body.tools ?? null]);
  return { input_tokens: Math.max(1, Math.ceil(counted.length / 4)) };
}

/**
 * Whether a Messages request is the CLI's model probe: `max_tokens: 1`, not streamed, no tools. The
 * CLI (2.1.2xx and later) sends one to check a model name it does not know before `set_model`
 * switches to it; the real API answers with one token, so the fake model does too (no turn is used).
 */
export function isModelProbe(body: Record<string, unknown>): boolean {
  return body.max_tokens === 1 && body.stream !== true && body.tools === undefined;
}

/** The one-token answer to a model probe. */
export function probeMessageBody(body: Record<string, unknown>, requestId: string): Record<string, unknown> {
  return {
    id: `msg_probe_${requestId.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`,
    type: 'message',
    role: 'assistant',
    model: typeof body.model === 'string' ? body.model : 'claude-fake',
    content: [{ type: 'text', text: 'Hi' }],
    stop_reason: 'max_tokens',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}
