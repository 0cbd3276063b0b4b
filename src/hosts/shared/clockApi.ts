import type { ApiRequest, ApiResponse } from '../../engine/client/transport';
import { badRequest, methodNotAllowed, readJsonObject, routePath } from './playgroundRoute';
import type { SimRunner } from './simRunner';

/** ClockApiPrefix is where the simulation controls live: a path Kubernetes does not use. */
export const ClockApiPrefix = '/playground/v1/clock';

/**
 * serveClockApi answers GET/POST /playground/v1/clock ({"speed": x} or {"paused": bool}) and
 * POST /playground/v1/clock/advance ({"seconds": n}); undefined for any other path.
 */
export async function serveClockApi(runner: SimRunner, req: ApiRequest): Promise<ApiResponse | undefined> {
  const path = routePath(req);
  if (path !== ClockApiPrefix && path !== `${ClockApiPrefix}/advance`) return undefined;
  if (req.method === 'GET' && path === ClockApiPrefix) return { status: 200, body: runner.state() };
  if (req.method !== 'POST') return methodNotAllowed(req, path);
  const read = readJsonObject(req);
  if ('error' in read) return read.error;
  const body = read.body;
  if (path.endsWith('/advance')) {
    const seconds = body.seconds;
    if (typeof seconds !== 'number' || !(seconds >= 0) || seconds > 86400 * 7) {
      return badRequest('seconds must be a number between 0 and 604800');
    }
    return { status: 200, body: await runner.advance(seconds) };
  }
  const patch: { speed?: number; paused?: boolean } = {};
  if (body.speed !== undefined) {
    if (typeof body.speed !== 'number' || !(body.speed >= 0) || body.speed > 1000) return badRequest('speed must be a number between 0 and 1000');
    patch.speed = body.speed;
  }
  if (body.paused !== undefined) {
    if (typeof body.paused !== 'boolean') return badRequest('paused must be true or false');
    patch.paused = body.paused;
  }
  if (patch.speed === undefined && patch.paused === undefined) return badRequest('expected {"speed": number} or {"paused": boolean}');
  return { status: 200, body: runner.set(patch) };
}
