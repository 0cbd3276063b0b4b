import type { ConfigMap } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { isApiError } from '../../engine/apiserver/errors';
import { Resources } from '../../engine/apiserver/registry/resources';
import { ControlPlane } from '../../engine/cluster/controlPlane';
import { ApiClient } from '../../engine/client/apiClient';
import type { StreamChunk } from '../../engine/client/transport';
import { BatchedPort } from './batchedPort';
import type { KubeletPortMessage } from './kubeletProtocol';
import { serveApiOverPort } from './portApiServer';
import { PortApiTransport } from './portApiTransport';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const configMap = (name: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels: { test: 'port' } } });

let close: () => void = () => {};
afterEach(() => close());

/** overPort serves a control plane's API server on one end of a Node MessageChannel and returns a client on the other. */
async function overPort() {
  const controlPlane = new ControlPlane({ seed: 'port', yieldToHost });
  await controlPlane.start();
  const { port1, port2 } = new MessageChannel();
  const posted: number[] = [];
  const post = port1.postMessage.bind(port1);
  // Count what the server posts: one postMessage per batch, whatever it holds.
  port1.postMessage = (batch: unknown) => {
    posted.push((batch as unknown[]).length);
    post(batch);
  };
  serveApiOverPort(new BatchedPort<KubeletPortMessage>(port1, yieldToHost), controlPlane.apiServer);
  const transport = new PortApiTransport(new BatchedPort<KubeletPortMessage>(port2, yieldToHost));
  close = () => {
    controlPlane.stop();
    port1.close();
  };
  return { controlPlane, transport, client: new ApiClient(transport, 'kubelet/port-test'), posted };
}

describe('the Kubernetes API over a MessagePort', () => {
  it('answers requests, with failures as Status data', async () => {
    const { client, transport } = await overPort();
    const created = client.create(Resources.configmaps, configMap('one'));
    expect(transport.inFlight).toBe(1);
    await transport.idle();
    expect(transport.inFlight).toBe(0);
    expect((await created).metadata?.resourceVersion).toMatch(/^\d+$/);
    const err = await client.get(Resources.configmaps, 'default', 'nope').catch((e: unknown) => e);
    expect(isApiError(err, 'NotFound')).toBe(true);
    expect((err as { status: { message: string } }).status.message).toBe('configmaps "nope" not found');
  });

  it('streams watches, a burst for many watchers in few messages, and stops a watch on cancel', async () => {
    const { client, controlPlane, posted } = await overPort();
    const controllerWatches = controlPlane.apiServer.ctx.watches.size;
    const names = Array.from({ length: 200 }, (_, i) => `cm-${i}`);
    const seen = new Map<string, string[]>();
    // One watch per object, as each kubelet watches only its own node's pods.
    const watches = await Promise.all(
      names.map((n) =>
        client.watch<ConfigMap>(Resources.configmaps, { namespace: 'default', fieldSelector: `metadata.name=${n}` }, (evs) =>
          seen.set(n, [...(seen.get(n) ?? []), ...evs.map((e) => `${e.type} ${(e.object as ConfigMap).metadata?.name}`)]),
        ),
      ),
    );
    await expect.poll(() => controlPlane.apiServer.ctx.watches.size).toBe(controllerWatches + names.length);
    posted.length = 0;
    // Created in the control plane's process in one turn, as a controller's burst would be.
    await Promise.all(names.map((n) => controlPlane.client.create(Resources.configmaps, configMap(n))));
    await expect.poll(() => seen.size).toBe(names.length);
    for (const n of names) expect(seen.get(n)).toEqual([`ADDED ${n}`]);
    expect(posted.length).toBeLessThanOrEqual(3);

    watches[0].stop();
    await expect.poll(() => controlPlane.apiServer.ctx.watches.size).toBe(controllerWatches + names.length - 1);
    await controlPlane.client.delete(Resources.configmaps, 'default', names[0]);
    await controlPlane.client.delete(Resources.configmaps, 'default', names[1]);
    await expect.poll(() => seen.get(names[1])).toEqual([`ADDED ${names[1]}`, `DELETED ${names[1]}`]);
    expect(seen.get(names[0])).toEqual([`ADDED ${names[0]}`]);
  });

  it('ends a refused stream with its Status', async () => {
    const { transport } = await overPort();
    const chunks: StreamChunk[] = [];
    await transport.stream({ method: 'GET', path: '/api/v1/nothings', query: { watch: 'true' } }, (c) => chunks.push(c));
    await expect.poll(() => chunks.length).toBe(1);
    expect(chunks[0]).toMatchObject({ type: 'end', status: { code: 404, reason: 'NotFound' } });
  });
});
