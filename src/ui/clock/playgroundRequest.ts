import type { Status } from 'kubernetes-types/meta/v1';
import type { ApiClient } from '../../engine/client/apiClient';
import type { ApiRequest } from '../../engine/client/transport';

/**
 * playgroundRequest sends a request to one of the engine's /playground/v1 paths (the clock, scheduling
 * explanations) and returns the body; a failure throws an Error with the Status message.
 */
export async function playgroundRequest<T>(client: ApiClient, req: ApiRequest): Promise<T> {
  const res = await client.transport.request(req);
  if (res.status !== 200) throw new Error((res.body as Status | undefined)?.message ?? `${req.method} ${req.path} failed with HTTP ${res.status}`);
  return res.body as T;
}
