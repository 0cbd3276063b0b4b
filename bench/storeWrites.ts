import type { Pod } from 'kubernetes-types/core/v1';
import type { StoredObject } from '../src/engine/api/object';
import { modRevision, MvccStore, objectKey } from '../src/engine/store/mvccStore';
import { benchPod, runningStatus } from './fixtures';
import { type Benchmark, median, percentile, scaled } from './stats';

const resource = 'core/pods';
const rounds = 3;

/** PodLife is the three writes a pod's life makes to the store: create, bind, Running. */
interface PodLife {
  key: string;
  namespace: string;
  pending: StoredObject;
  bound: StoredObject;
  running: StoredObject;
}

function podLives(n: number): PodLife[] {
  const out: PodLife[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const namespace = `ns-${i % 10}`;
    const pending = benchPod(i, { namespace, uid: true }) as StoredObject;
    const nodeName = `worker-${(i % 5000) + 1}`;
    const bound = { ...pending, spec: { ...(pending as Pod).spec!, nodeName } } as StoredObject;
    const running = { ...bound, status: runningStatus(i, nodeName) } as StoredObject;
    out[i] = { key: objectKey(namespace, pending.metadata.name!), namespace, pending, bound, running };
  }
  return out;
}

/**
 * writeAll makes every pod's three writes in waves (all creates, then all binds, then all status
 * updates), as a Deployment roll-out does, each update conditional on the revision just written.
 * With `latencies` each write is timed on its own.
 */
function writeAll(lives: PodLife[], latencies?: Float64Array): number {
  const store = new MvccStore();
  const revs = new Float64Array(lives.length);
  const t0 = performance.now();
  let w = 0;
  for (let i = 0; i < lives.length; i++) {
    const l = lives[i];
    const s = latencies ? performance.now() : 0;
    revs[i] = modRevision(store.create(resource, l.key, l.namespace, l.pending));
    if (latencies) latencies[w++] = performance.now() - s;
  }
  for (const phase of ['bound', 'running'] as const) {
    for (let i = 0; i < lives.length; i++) {
      const l = lives[i];
      const s = latencies ? performance.now() : 0;
      revs[i] = modRevision(store.update(resource, l.key, l.namespace, l[phase], revs[i]));
      if (latencies) latencies[w++] = performance.now() - s;
    }
  }
  return performance.now() - t0;
}

/** storeWrites measures MvccStore create/update throughput and p99 latency on realistic pods. */
export const storeWrites: Benchmark = async (scale) => {
  const pods = scaled(50_000, scale, 100);
  const lives = podLives(pods);
  const writes = pods * 3;
  writeAll(lives.slice(0, Math.min(pods, 10_000)));
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) rates.push(writes / (writeAll(lives) / 1000));
  const latencies = new Float64Array(writes);
  writeAll(lives, latencies);
  const note = `${writes} writes (${pods} pods × create, bind, status) per round; median of ${rounds}`;
  return [
    { name: 'store writes/s', value: median(rates), unit: 'writes/s', target: { op: '>=', value: 100_000 }, note },
    { name: 'store p99 write latency', value: percentile(latencies, 99) * 1000, unit: 'µs', note: 'each write timed alone' },
  ];
};
