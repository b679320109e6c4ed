import { HttpError } from '../errors';

/** HTTP statuses that no amount of reconnecting fixes: bad credentials, no access, no such session. */
const PERMANENT_STATUSES = new Set([401, 403, 404]);

/** Whether a connect failure is permanent (reconnecting cannot help). */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof HttpError) return PERMANENT_STATUSES.has(error.status);
  return error instanceof Error && (error as { permanent?: unknown }).permanent === true;
}
