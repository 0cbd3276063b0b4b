import type { KubeList } from '../src/engine/api/object';
import type { ApiServer } from '../src/engine/apiserver/server';
import type { ApiRequest } from '../src/engine/client/transport';
import { objectKey } from '../src/engine/store/mvccStore';
import { newBenchApiServer } from './apiServer';
import { benchNode, benchPod } from './fixtures';
import { type Benchmark, median, scaled } from './stats';

const namespaces = 10;
const apps = 50;
const runs = 7;

/** preload writes Running pods straight into the store: the list path, not creation, is measured. */
function preload(server: ApiServer, pods: number): void {
  for (let i = 0; i < pods; i++) {
    const namespace = `ns-${i % namespaces}`;
    const pod = benchPod(i, { namespace, app: `app-${i % apps}`, nodeName: benchNode(i % 5000).metadata!.name, running: true, uid: true });
    server.store.create('core/pods', objectKey(namespace, pod.metadata!.name!), namespace, pod as never);
  }
}

/** timeList answers req `runs` times after one warm-up and returns the median ms and the item count. */
function timeList(server: ApiServer, req: ApiRequest): { ms: number; items: number } {
  const warm = server.handle(req);
  if (warm.status !== 200) throw new Error(`list ${req.path} answered ${warm.status}: ${JSON.stringify(warm.body)}`);
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    server.handle(req);
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), items: (warm.body as KubeList).items.length };
}

/** listPods measures GET /api/v1/pods (all, one namespace, by label) through ApiServer.handle. */
export const listPods: Benchmark = async (scale) => {
  const pods = scaled(150_000, scale, 100);
  const server = newBenchApiServer();
  preload(server, pods);
  const all = timeList(server, { method: 'GET', path: '/api/v1/pods' });
  const ns = timeList(server, { method: 'GET', path: '/api/v1/namespaces/ns-3/pods' });
  const byLabel = timeList(server, { method: 'GET', path: '/api/v1/pods', query: { labelSelector: 'app=app-7' } });
  const note = (n: number) => `${n} of ${pods} pods; median of ${runs}`;
  return [
    { name: `list all pods`, value: all.ms, unit: 'ms', target: { op: '<=', value: 30 }, note: note(all.items) },
    { name: 'list one namespace', value: ns.ms, unit: 'ms', note: note(ns.items) },
    { name: 'list by labelSelector', value: byLabel.ms, unit: 'ms', note: note(byLabel.items) },
  ];
};
