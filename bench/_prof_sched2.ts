import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../src/engine/apiserver/registry/resources';
import { ApiClient } from '../src/engine/client/apiClient';
import { bootstrapCluster } from '../src/engine/cluster/bootstrap';
import { Scheduler } from '../src/engine/scheduler/scheduler';
import { newBenchApiServer } from './apiServer';
import { benchNode, benchPod } from './fixtures';
async function placeAll(nodes: number, pods: number, prof: boolean) {
  const server = newBenchApiServer();
  const client = new ApiClient(server, 'bench');
  await bootstrapCluster(client);
  for (let i = 0; i < nodes; i++) {
    const node = benchNode(i);
    const created = await client.create<Node>(Resources.nodes, node);
    if (!created.status?.conditions?.length) await client.updateStatus<Node>(Resources.nodes, { ...created, status: node.status });
  }
  for (let i = 0; i < pods; i++) { const { status: _, ...pod } = benchPod(i); await client.create<Pod>(Resources.pods, pod); }
  let bound = 0;
  server.store.onEvent((ev) => {
    if (ev.resource !== 'core/pods' || ev.type !== 'put') return;
    if ((ev.object as Pod).spec?.nodeName && !(ev.prevObject as Pod | undefined)?.spec?.nodeName) bound++;
  });
  const sim = server.sim;
  const scheduler = new Scheduler(new ApiClient(server, 'kube-scheduler/v1.32.4'), sim);
  const s = new Session(); s.connect();
  if (prof) { await s.post('Profiler.enable'); await s.post('Profiler.start'); }
  const t0 = performance.now();
  await scheduler.start();
  const t1 = performance.now();
  await sim.runUntilIdle(600000, () => bound >= pods);
  const ms = performance.now() - t0;
  if (prof) { const { profile } = await s.post('Profiler.stop'); writeFileSync('/tmp/prof/sched-window.cpuprofile', JSON.stringify(profile)); }
  scheduler.stop();
  console.log(`start ${(t1-t0).toFixed(0)} ms, total ${ms.toFixed(0)} ms, ${(pods/(ms/1000)).toFixed(0)} pods/s`);
}
await placeAll(300, 600, false);
await placeAll(5000, 10000, false);
await placeAll(5000, 10000, !!process.env.PROF);
