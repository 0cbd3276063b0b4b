import { describe, expect, it } from 'vitest';
import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { createEngineApi, type EngineApi } from './engineApi';
import { createKubeletApi, type KubeletApi } from './kubeletApi';
import { ApiClient } from '../../engine/client/apiClient';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { ApiTransport } from '../../engine/client/transport';
import { isApiError } from '../../engine/apiserver/errors';
import type { ClockState } from '../shared/simRunner';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const isReady = (n: Node) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** twoWorkers wires the page's side as the bridge does: a control plane and a kubelet host, each behind Comlink, joined by their own channel. */
async function twoWorkers(seed: string) {
  const page = new NodeMessageChannel();
  const kubeletPage = new NodeMessageChannel();
  const between = new MessageChannel();
  Comlink.expose(createEngineApi(yieldToHost), nodeEndpoint(page.port1));
  Comlink.expose(createKubeletApi(yieldToHost), nodeEndpoint(kubeletPage.port1));
  const remote = Comlink.wrap<EngineApi>(nodeEndpoint(page.port2));
  const kubelets = Comlink.wrap<KubeletApi>(nodeEndpoint(kubeletPage.port2));
  await kubelets.attach(Comlink.transfer(between.port2, [between.port2]));
  await remote.boot({ seed, workers: 2, speed: 0 }, Comlink.transfer(between.port1, [between.port1]));
  const transport: ApiTransport = {
    request: (req) => remote.request(req),
    stream: (req, onChunk) => remote.stream(req, Comlink.proxy(onChunk)),
    cancel: (id) => remote.cancel(id),
  };
  const close = async () => {
    await remote.shutdown();
    await kubelets.shutdown();
    for (const ch of [page, kubeletPage]) {
      ch.port1.close();
      ch.port2.close();
    }
  };
  return { client: new ApiClient(transport, 'test'), close };
}

describe('engine API over MessagePorts (Comlink), kubelets in a Worker of their own', () => {
  it('serves the Kubernetes API, streams watches and returns errors as Status data', async () => {
    const { client, close } = await twoWorkers('port');
    const nodes = await client.list<Node>(Resources.nodes);
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);

    const seen: string[] = [];
    const watch = await client.watch(Resources.configmaps, { namespace: 'default' }, (evs) => seen.push(...evs.map((e) => `${e.type} ${(e.object as { metadata?: { name?: string } }).metadata?.name}`)));
    await client.create(Resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'over-port', namespace: 'default' } });
    await expect.poll(() => seen).toContain('ADDED over-port');
    watch.stop();

    const err = await client.get(Resources.deployments, 'default', 'nope').catch((e: unknown) => e);
    expect(isApiError(err, 'NotFound')).toBe(true);
    expect((err as { status: { message: string } }).status.message).toBe('deployments.apps "nope" not found');
    await close();
  });

  it('steps the kubelets with the control plane clock: nodes turn Ready, pods run, a node added at run time joins', async () => {
    const { client, close } = await twoWorkers('lockstep');
    const step = async (seconds: number) =>
      (await client.transport.request({ method: 'POST', path: '/playground/v1/clock/advance', body: { seconds } })).body as ClockState;
    const before = Date.parse(((await client.transport.request({ method: 'GET', path: '/playground/v1/clock' })).body as ClockState).now);
    expect(Date.parse((await step(30)).now)).toBe(before + 30_000);
    const nodes = await client.list<Node>(Resources.nodes);
    expect(nodes.items.filter(isReady).map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    // The kubelets' heartbeats carry the control plane's time: their clocks moved together.
    const lease = await client.get<Lease>(Resources.leases, 'kube-node-lease', 'worker-1');
    expect(before + 30_000 - Date.parse(lease.spec!.renewTime!)).toBeLessThanOrEqual(10_000);

    const added = await client.transport.request({ method: 'POST', path: '/playground/v1/nodes', body: { cpu: '8' } });
    expect(added).toMatchObject({ status: 202, body: { kind: 'NodeRequest', name: 'worker-3' } });
    const taken = await client.transport.request({ method: 'POST', path: '/playground/v1/nodes', body: '{"name":"worker-3"}' });
    expect(taken).toMatchObject({ status: 409, body: { kind: 'Status', reason: 'AlreadyExists', message: 'nodes "worker-3" already exists' } });
    await step(30);
    const worker3 = await client.get<Node>(Resources.nodes, undefined, 'worker-3');
    expect(isReady(worker3)).toBe(true);
    expect(worker3.spec?.podCIDR).toBe('10.244.3.0/24');
    expect(worker3.status?.capacity?.cpu).toBe('8');

    await client.create(Resources.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    await step(60);
    const pods = await client.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: 'app=web' });
    expect(pods.items.map((p) => p.status?.phase)).toEqual(Array(6).fill('Running'));
    await close();
  });
});
