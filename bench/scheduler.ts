import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../src/engine/apiserver/registry/resources';
import { ApiClient } from '../src/engine/client/apiClient';
import { bootstrapCluster } from '../src/engine/cluster/bootstrap';
import { Scheduler } from '../src/engine/scheduler/scheduler';
import { newBenchApiServer } from './apiServer';
import { benchNode, benchPod } from './fixtures';
import { type Benchmark, scaled } from './stats';

/** maxSimMs bounds the simulated time a run may take (backoff retries); placement needs none. */
const maxSimMs = 10 * 60_000;
const runs = 3;

/**
 * placeAll creates Ready nodes and pending pods through the API, then starts a scheduler and
 * returns the wall time from its start (informers list everything) until the last pod is bound.
 */
async function placeAll(nodes: number, pods: number): Promise<{ ms: number; cpuMs: number }> {
  const server = newBenchApiServer();
  const client = new ApiClient(server, 'bench');
  await bootstrapCluster(client);
  for (let i = 0; i < nodes; i++) {
    const node = benchNode(i);
    const created = await client.create<Node>(Resources.nodes, node);
    // A kubelet registers its node and then posts status; do the same if create dropped it.
    if (!created.status?.conditions?.length) await client.updateStatus<Node>(Resources.nodes, { ...created, status: node.status });
  }
  for (let i = 0; i < pods; i++) {
    const { status: _, ...pod } = benchPod(i);
    await client.create<Pod>(Resources.pods, pod);
  }
  let bound = 0;
  server.store.onEvent((ev) => {
    if (ev.resource !== 'core/pods' || ev.type !== 'put') return;
    if ((ev.object as Pod).spec?.nodeName && !(ev.prevObject as Pod | undefined)?.spec?.nodeName) bound++;
  });
  const sim = server.sim;
  const scheduler = new Scheduler(new ApiClient(server, 'kube-scheduler/v1.32.4'), sim);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await scheduler.start();
  await sim.runUntilIdle(maxSimMs, () => bound >= pods);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  scheduler.stop();
  if (bound < pods) throw new Error(`scheduler bound ${bound} of ${pods} pods within ${maxSimMs / 1000} simulated seconds`);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** schedulerThroughput measures pods/s placing 10,000 pods on 5,000 nodes, in process through the API. */
export const schedulerThroughput: Benchmark = async (scale) => {
  const nodes = scaled(5_000, scale, 2);
  const pods = scaled(10_000, scale, 4);
  await placeAll(Math.max(2, nodes >> 4), Math.max(4, pods >> 4));
  const samples: { ms: number; cpuMs: number }[] = [];
  for (let r = 0; r < runs; r++) samples.push(await placeAll(nodes, pods));
  const { ms, cpuMs } = samples.sort((a, b) => a.ms - b.ms)[runs >> 1];
  return [
    {
      name: 'scheduler pods/s',
      value: pods / (ms / 1000),
      unit: 'pods/s',
      target: { op: '>=', value: 27_000 },
      note: `${pods} pods on ${nodes} nodes in ${Math.round(ms)} ms wall (${Math.round(cpuMs)} ms CPU), scheduler start to last binding; median of ${runs}`,
    },
  ];
};
