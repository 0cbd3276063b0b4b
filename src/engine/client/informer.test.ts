import type { ConfigMap } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../apiserver/registry/resources';
import { Sim } from '../sim/sim';
import { ApiClient } from './apiClient';
import { Informer } from './informer';
import type { ApiRequest, ApiResponse, ApiTransport, StreamChunk } from './transport';

const failure = (code: number, message: string) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code });

/** flaky answers lists and watches from scripts: each failure listed is used once, then it succeeds. */
function flaky(listFailures: number, watchFailures: number) {
  const log: { at: number; what: string }[] = [];
  const sim = new Sim('informer', () => new Promise((r) => setImmediate(r)));
  const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', resourceVersion: '5' } };
  const transport: ApiTransport = {
    async request(req: ApiRequest): Promise<ApiResponse> {
      log.push({ at: sim.clock.now(), what: 'list' });
      if (listFailures-- > 0) return { status: 500, body: failure(500, 'etcdserver: request timed out') };
      return { status: 200, body: { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '5' }, items: [cm], path: req.path } };
    },
    async stream(_req: ApiRequest, onChunk: (c: StreamChunk) => void) {
      log.push({ at: sim.clock.now(), what: 'watch' });
      if (watchFailures-- > 0) onChunk({ type: 'end', status: failure(500, 'etcdserver: request timed out') as never });
      return 1;
    },
    cancel: () => undefined,
  };
  const informer = new Informer<ConfigMap>(new ApiClient(transport), Resources.configmaps, {}, (ms, fn) => sim.timers.after(ms, fn));
  return { sim, informer, log };
}

describe('Informer', () => {
  it('retries a failed list with the reflector back-off (800 ms doubling) and syncs once it lists', async () => {
    const { sim, informer, log } = flaky(2, 0);
    const t0 = sim.clock.now();
    let synced = false;
    void informer.start().then(() => (synced = true));
    await sim.runUntilIdle(60_000, () => synced);
    expect(synced).toBe(true);
    expect(informer.lister.get('default', 'c')?.metadata?.name).toBe('c');
    expect(log.filter((l) => l.what === 'list').map((l) => l.at - t0)).toEqual([0, 800, 2400]);
  });

  it('re-opens a refused watch after the back-off, not at once', async () => {
    const { sim, informer, log } = flaky(0, 3);
    const t0 = sim.clock.now();
    await informer.start();
    await sim.runUntilIdle(60_000, () => log.filter((l) => l.what === 'watch').length >= 4);
    expect(log.filter((l) => l.what === 'watch').map((l) => l.at - t0)).toEqual([0, 800, 2400, 5600]);
  });

  it('fails start when it has no clock to retry on', async () => {
    const transport = { request: async () => ({ status: 500, body: failure(500, 'boom') }), stream: async () => 1, cancel: () => undefined };
    await expect(new Informer(new ApiClient(transport), Resources.configmaps).start()).rejects.toThrow('boom');
  });
});
