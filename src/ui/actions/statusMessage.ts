import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError } from '../../engine/apiserver/errors';

/** isStatus reports whether a response body is a metav1.Status. */
export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as Status).kind === 'Status';
}

/** statusMessage is what the page shows for a failed action: the API's Status message, in its own words. */
export function statusMessage(e: unknown): string {
  if (e instanceof ApiError) return e.status.message || `the server responded with status ${e.code}`;
  if (isStatus(e)) return e.message ?? '';
  return e instanceof Error ? e.message : String(e);
}
