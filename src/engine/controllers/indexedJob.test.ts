import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { Cluster } from '../cluster/cluster';
import { JobCompletionIndexAnnotation } from './indexedJobUtils';

// An Indexed Job in a whole simulated cluster: one pod per completion index, each index counted once.

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

describe('an Indexed Job', () => {
  it('runs one pod per index, at most parallelism at a time, and completes with every index listed', async () => {
    cluster = new Cluster({ seed: 12, workers: 2, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
    await cluster.start();
    const c = cluster.client;
    const running: number[] = [];
    await c.create(Resources.jobs, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'indexed', namespace: 'default' },
      spec: {
        completions: 5,
        parallelism: 2,
        completionMode: 'Indexed',
        template: { spec: { containers: [{ name: 'work', image: 'busybox', command: ['echo', 'done'] }], restartPolicy: 'Never' } },
      },
    });
    for (let t = 0; t < 90; t++) {
      await cluster.sim.advance(1_000);
      const pods = (await c.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: 'batch.kubernetes.io/job-name=indexed' })).items;
      running.push(pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length);
    }
    expect(Math.max(...running)).toBe(2);
    const job = await c.get<Job>(Resources.jobs, 'default', 'indexed');
    expect(job.status).toMatchObject({ succeeded: 5, completedIndexes: '0-4' });
    expect(job.status?.conditions?.find((x) => x.type === 'Complete')?.status).toBe('True');
    const pods = (await c.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: 'batch.kubernetes.io/job-name=indexed' })).items;
    const indexes = pods.map((p) => p.metadata!.annotations![JobCompletionIndexAnnotation]).sort();
    expect(indexes).toEqual(['0', '1', '2', '3', '4']);
    for (const p of pods) {
      const ix = p.metadata!.annotations![JobCompletionIndexAnnotation];
      expect(p.metadata!.name).toMatch(new RegExp(`^indexed-${ix}-[a-z0-9]{5}$`));
      expect(p.metadata!.labels![JobCompletionIndexAnnotation]).toBe(ix);
      expect(p.spec!.hostname).toBe(`indexed-${ix}`);
      expect(p.spec!.containers[0].env).toEqual([
        { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${JobCompletionIndexAnnotation}']` } } },
      ]);
    }
  });
});
