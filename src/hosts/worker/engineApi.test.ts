import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { createEngineApi, type EngineApi } from './engineApi';
import { ApiClient } from '../../engine/client/apiClient';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { ApiTransport } from '../../engine/client/transport';
import { isApiError } from '../../engine/apiserver/errors';

describe('engine API over a MessagePort (Comlink)', () => {
  it('serves the Kubernetes API, streams watches and returns errors as Status data', async () => {
    const { port1, port2 } = new MessageChannel();
    const api = createEngineApi(() => new Promise((r) => setImmediate(r)));
    Comlink.expose(api, nodeEndpoint(port1));
    const remote = Comlink.wrap<EngineApi>(nodeEndpoint(port2));
    await remote.boot({ seed: 'port', workers: 2, speed: 0 });
    const transport: ApiTransport = {
      request: (req) => remote.request(req),
      stream: (req, onChunk) => remote.stream(req, Comlink.proxy(onChunk)),
      cancel: (id) => remote.cancel(id),
    };
    const client = new ApiClient(transport, 'test');
    const nodes = await client.list(Resources.nodes);
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);

    const seen: string[] = [];
    const watch = await client.watch(Resources.configmaps, { namespace: 'default' }, (evs) => seen.push(...evs.map((e) => `${e.type} ${(e.object as { metadata?: { name?: string } }).metadata?.name}`)));
    await client.create(Resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'over-port', namespace: 'default' } });
    await expect.poll(() => seen).toContain('ADDED over-port');
    watch.stop();

    const err = await client.get(Resources.deployments, 'default', 'nope').catch((e: unknown) => e);
    expect(isApiError(err, 'NotFound')).toBe(true);
    expect((err as { status: { message: string } }).status.message).toBe('deployments.apps "nope" not found');
    await remote.shutdown();
    port1.close();
    port2.close();
  });
});
