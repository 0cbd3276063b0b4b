import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../src/engine/apiserver/registry/resources';
import { Cluster } from '../src/engine/cluster/cluster';
import type { ProfileName } from '../src/engine/kubelet/config';
import type { StoreEvent } from '../src/engine/store/mvccStore';
import { benchDeployment } from './fixtures';
import { type Benchmark, collectGarbage, scaled, yieldToHost } from './stats';

/** maxSimMs bounds the simulated time the roll-out may take. */
const maxSimMs = 30 * 60_000;

const isRunning = (o: unknown) => (o as Pod | undefined)?.status?.phase === 'Running';

/** isSchedulable: the node is Ready and the node lifecycle controller has lifted its not-ready taint. */
function isSchedulable(o: unknown): boolean {
  const node = o as Node;
  const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return ready && !(node.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/not-ready');
}

/** runningCounter counts the pods whose phase is Running, from the store's own event stream. */
function runningCounter(): { count: () => number; onEvent: (ev: StoreEvent) => void } {
  let running = 0;
  return {
    count: () => running,
    onEvent(ev) {
      if (ev.resource !== 'core/pods') return;
      const was = isRunning(ev.prevObject);
      const is = ev.type === 'put' && isRunning(ev.object);
      running += Number(is) - Number(was);
    },
  };
}

/**
 * rollOut starts a cluster and waits for its nodes to be Ready, then creates one Deployment and
 * runs the simulated clock as fast as the host allows until every replica is Running; it returns
 * wall, CPU and simulated ms and heap growth from the create on.
 */
async function rollOut(workers: number, replicas: number, profile: ProfileName | undefined) {
  const cluster = new Cluster({ seed: 1, workers, yieldToHost, profile });
  await cluster.start();
  const nodesReady = () => {
    const nodes = cluster.apiServer.store.list('core/nodes');
    return nodes.length > workers && nodes.every(isSchedulable);
  };
  await cluster.sim.runUntilIdle(maxSimMs, nodesReady);
  if (!nodesReady()) throw new Error(`nodes not Ready after ${maxSimMs / 1000} simulated seconds`);
  const running = runningCounter();
  cluster.apiServer.store.onEvent(running.onEvent);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const simStart = cluster.sim.clock.now();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await cluster.client.create(Resources.deployments, benchDeployment('web', replicas));
  await cluster.sim.runUntilIdle(maxSimMs, () => running.count() >= replicas);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const simMs = cluster.sim.clock.now() - simStart;
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  cluster.stop();
  if (running.count() < replicas) {
    throw new Error(`${running.count()} of ${replicas} pods Running after ${maxSimMs / 1000} simulated seconds`);
  }
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, simMs, heapBytes: heapAfter - heapBefore };
}

/** deployment30k measures a 30,000-replica Deployment on 1,000 nodes, from create to all Running. */
export const deployment30k: Benchmark = async (scale) => {
  const workers = scaled(1_000, scale, 2);
  const replicas = scaled(30_000, scale, 4);
  const profile = process.env.BENCH_PROFILE as ProfileName | undefined;
  await rollOut(Math.max(2, workers >> 5), Math.max(4, replicas >> 5), profile);
  const r = await rollOut(workers, replicas, profile);
  const setup = `${replicas} pods on ${workers} nodes, profile ${profile ?? 'default'}`;
  return [
    {
      name: 'deployment to all Running',
      value: r.ms / 1000,
      unit: 's',
      note: `${setup}; ${(r.cpuMs / 1000).toFixed(1)} s CPU; ${(r.simMs / 1000).toFixed(0)} s simulated`,
    },
    {
      name: 'heap per pod',
      value: r.heapBytes / replicas / 1024,
      unit: 'KB/pod',
      target: { op: '<=', value: 3 },
      note: 'heapUsed growth from create to all Running, after full GCs',
    },
  ];
};
