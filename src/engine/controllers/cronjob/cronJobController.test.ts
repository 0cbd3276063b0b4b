import { afterEach, describe, expect, it } from 'vitest';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Event } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { Cluster } from '../../cluster/cluster';
import { CronJobScheduledTimestampAnnotation } from './cronJobUtils';

// The CronJob controller in a whole simulated cluster: its Jobs run to completion through the Job
// controller, the scheduler and the kubelets.

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

async function startCluster(): Promise<Cluster> {
  cluster = new Cluster({ seed: 5, workers: 2, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
  await cluster.start();
  return cluster;
}

function cronJob(name: string, command: string[], spec: Partial<CronJob['spec']> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        metadata: { labels: { cron: name } },
        spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox', command }], restartPolicy: 'Never' } } },
      },
      ...spec,
    },
  };
}

async function jobsOf(c: Cluster, name: string): Promise<Job[]> {
  return (await c.client.list<Job>(Resources.jobs, { namespace: 'default', labelSelector: `cron=${name}` })).items;
}

async function reasons(c: Cluster, name: string): Promise<string[]> {
  const events = await c.client.list<Event>(Resources.events, { namespace: 'default', fieldSelector: `involvedObject.kind=CronJob,involvedObject.name=${name}` });
  return events.items.map((e) => e.reason!);
}

describe('CronJobController', () => {
  it('starts a Job every minute, named after the scheduled minute, and keeps three finished ones', async () => {
    const c = await startCluster();
    await c.client.create(Resources.cronjobs, cronJob('hello', ['echo', 'hi']));
    await c.sim.advance(5 * 60_000 + 30_000);
    const jobs = await jobsOf(c, 'hello');
    // Five or six ran (the first minute may start right after creation); the default limit keeps three.
    expect(jobs).toHaveLength(3);
    for (const j of jobs) {
      const scheduled = Date.parse(j.metadata!.annotations![CronJobScheduledTimestampAnnotation]);
      expect(j.metadata!.name).toBe(`hello-${scheduled / 60_000}`);
      expect(scheduled % 60_000).toBe(0);
      expect(j.metadata!.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
      expect(j.status?.succeeded).toBe(1);
    }
    const cj = await c.client.get<CronJob>(Resources.cronjobs, 'default', 'hello');
    const newest = Math.max(...jobs.map((j) => Date.parse(j.metadata!.annotations![CronJobScheduledTimestampAnnotation])));
    expect(Date.parse(cj.status!.lastScheduleTime!)).toBe(newest);
    expect(cj.status!.lastSuccessfulTime).toBeDefined();
    expect(cj.status!.active ?? []).toHaveLength(0);
    const seen = await reasons(c, 'hello');
    expect(seen).toEqual(expect.arrayContaining(['SuccessfulCreate', 'SawCompletedJob', 'SuccessfulDelete']));
  });

  it('does not start a second Job while one runs under Forbid, and replaces it under Replace', async () => {
    const c = await startCluster();
    await c.client.create(Resources.cronjobs, cronJob('slow', ['sleep', '3600'], { concurrencyPolicy: 'Forbid' }));
    await c.client.create(Resources.cronjobs, cronJob('swap', ['sleep', '3600'], { concurrencyPolicy: 'Replace' }));
    await c.sim.advance(3 * 60_000 + 30_000);
    expect(await jobsOf(c, 'slow')).toHaveLength(1);
    expect(await reasons(c, 'slow')).toContain('JobAlreadyActive');
    const swapped = (await jobsOf(c, 'swap')).filter((j) => !j.metadata?.deletionTimestamp);
    expect(swapped).toHaveLength(1);
    const cj = await c.client.get<CronJob>(Resources.cronjobs, 'default', 'swap');
    expect(cj.status!.active!.map((r) => r.name)).toEqual([swapped[0].metadata!.name]);
    expect(await reasons(c, 'swap')).toContain('SuccessfulDelete');
  });

  it('starts nothing while suspended, and nothing for times older than startingDeadlineSeconds once resumed', async () => {
    const c = await startCluster();
    await c.client.create(Resources.cronjobs, cronJob('paused', ['echo', 'hi'], { suspend: true, startingDeadlineSeconds: 10 }));
    await c.sim.advance(3 * 60_000);
    expect(await jobsOf(c, 'paused')).toHaveLength(0);
    const cj = await c.client.get<CronJob>(Resources.cronjobs, 'default', 'paused');
    // Resumed 40 s past a minute: that minute's time is 30 s beyond the deadline.
    await c.sim.advance(40_000 - (c.sim.clock.now() % 60_000) + (c.sim.clock.now() % 60_000 > 40_000 ? 60_000 : 0));
    await c.client.update(Resources.cronjobs, { ...cj, spec: { ...cj.spec!, suspend: false } });
    await c.sim.advance(5_000);
    expect(await jobsOf(c, 'paused')).toHaveLength(0);
    await c.sim.advance(60_000);
    expect(await jobsOf(c, 'paused')).toHaveLength(1);
  });
});
