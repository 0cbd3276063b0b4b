import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { Cluster } from '../cluster/cluster';
import { parseTime } from '../sim/clock';

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function job(name: string, ttl?: number): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      ttlSecondsAfterFinished: ttl,
      template: { spec: { containers: [{ name: 'c', image: 'busybox', command: ['echo', 'done'] }], restartPolicy: 'Never' } },
    },
  };
}

const finishedAt = (j: Job) => parseTime(j.status?.conditions?.find((c) => c.type === 'Complete')?.lastTransitionTime);

describe('TTLAfterFinishedController', () => {
  it('deletes a finished Job and its pods ttlSecondsAfterFinished after it finished, and leaves Jobs without a TTL', async () => {
    cluster = new Cluster({ seed: 8, workers: 2, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
    await cluster.start();
    const c = cluster.client;
    await c.create(Resources.jobs, job('short', 30));
    await c.create(Resources.jobs, job('kept'));
    await cluster.sim.advance(20_000);
    const done = await c.get<Job>(Resources.jobs, 'default', 'short');
    const finished = finishedAt(done);
    expect(finished).toBeGreaterThan(0);
    // Just before the TTL runs out the Job is still there.
    await cluster.sim.advance(finished + 29_000 - cluster.sim.clock.now());
    expect((await c.get<Job>(Resources.jobs, 'default', 'short')).metadata?.deletionTimestamp).toBeUndefined();
    await cluster.sim.advance(10_000);
    await expect(c.get(Resources.jobs, 'default', 'short')).rejects.toThrow(/not found/);
    const pods = (await c.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: 'job-name=short' })).items;
    expect(pods).toHaveLength(0);
    expect(finishedAt(await c.get<Job>(Resources.jobs, 'default', 'kept'))).toBeGreaterThan(0);
  });
});
