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
