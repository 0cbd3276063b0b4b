import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { Resources } from '../../engine/apiserver/registry/resources';
import { ControlPlane } from '../../engine/cluster/controlPlane';
import { BatchedPort } from './batchedPort';
import { connectKubelets } from './connectKubelets';
import { KubeletHost } from './kubeletHost';
import type { KubeletPortMessage } from './kubeletProtocol';
import { MaxSliceMs } from './lockstepClock';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
let stop: () => void = () => {};
afterEach(() => stop());

/** split runs a control plane and a KubeletHost on either end of a Node MessageChannel, as the two Workers do. */
async function split(workers: number) {
  const controlPlane = new ControlPlane({ seed: 'lockstep', yieldToHost });
  await controlPlane.start();
  const { port1, port2 } = new MessageChannel();
  const host = new KubeletHost(new BatchedPort<KubeletPortMessage>(port2, yieldToHost), yieldToHost);
  const { clock, kubelets } = await connectKubelets(controlPlane, new BatchedPort<KubeletPortMessage>(port1, yieldToHost), { workers });
  stop = () => {
    host.stop();
    controlPlane.stop();
  };
  return { controlPlane, clock, kubelets };
}

describe('LockstepClock', () => {
  it('keeps the kubelets within one slice of the control plane, however far one advance goes', async () => {
    const { controlPlane, clock } = await split(2);
    // The kubelet stamps a renewal with its own clock; the API server stores it at the control plane's.
    const skews: number[] = [];
    controlPlane.apiServer.store.onEvent((ev) => {
      if (ev.resource !== 'coordination.k8s.io/leases' || ev.type !== 'put') return;
      skews.push(controlPlane.sim.clock.now() - Date.parse((ev.object as unknown as Lease).spec!.renewTime!));
    });
    const start = clock.clock.now();
    await clock.advance(95_000);
    expect(clock.clock.now()).toBe(start + 95_000);
    expect(skews.length).toBeGreaterThanOrEqual(3 * 9);
    for (const s of skews) expect(Math.abs(s)).toBeLessThanOrEqual(MaxSliceMs);

    const renewals = await controlPlane.client.get<Lease>(Resources.leases, 'kube-node-lease', 'worker-1');
    // Renewed every 10s on the kubelets' clock, the last within 10s of now.
    expect(start + 95_000 - Date.parse(renewals.spec!.renewTime!)).toBeLessThan(10_000);
  });

  it('does not move the kubelets while the control plane stands still, and lets them answer at once', async () => {
    const { controlPlane, clock } = await split(1);
    await clock.advance(20_000);
    const lease = await controlPlane.client.get<Lease>(Resources.leases, 'kube-node-lease', 'worker-1');
    const node = await controlPlane.client.get<Node>(Resources.nodes, undefined, 'worker-1');
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    await controlPlane.client.create<Pod>(Resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'standing', namespace: 'default' },
      spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx:1.27' }] },
    });
    for (let i = 0; i < 20; i++) await yieldToHost();
    expect((await controlPlane.client.get<Lease>(Resources.leases, 'kube-node-lease', 'worker-1')).metadata?.resourceVersion).toBe(lease.metadata?.resourceVersion);
    await clock.advance(30_000);
    const pod = await controlPlane.client.get<Pod>(Resources.pods, 'default', 'standing');
    expect(pod.status?.phase).toBe('Running');
    // The kubelet saw the pod at the instant it was created: both clocks stood at the same time.
    expect(pod.status?.startTime).toBe(pod.metadata?.creationTimestamp);
  });

  it('adds a node through the kubelet Worker; a taken name comes back as an AlreadyExists Status', async () => {
    const { controlPlane, clock, kubelets } = await split(1);
    expect((await kubelets.addNode({})).name).toBe('worker-2');
    await expect(kubelets.addNode({ name: 'worker-2' })).rejects.toMatchObject({ status: { reason: 'AlreadyExists', message: 'nodes "worker-2" already exists' } });
    await clock.advance(30_000);
    const node = await controlPlane.client.get<Node>(Resources.nodes, undefined, 'worker-2');
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});
