import { describe, expect, it } from 'vitest';
import type { Job, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { formatTime, SimEpoch } from '../sim/clock';
import { JobController } from './job';
import { newControllerFixture } from './util/recordingClient';

const ns = 'default';
const now = formatTime(SimEpoch);
const t0 = formatTime(SimEpoch - 60_000);
const jobPath = `/apis/batch/v1/namespaces/${ns}/jobs/pi`;
const podsPath = `/api/v1/namespaces/${ns}/pods`;
const labels = {
  'batch.kubernetes.io/controller-uid': 'job-uid',
  'batch.kubernetes.io/job-name': 'pi',
  'controller-uid': 'job-uid',
  'job-name': 'pi',
};
const ownerRef = { apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true, blockOwnerDeletion: true };
const podSpec = {
  restartPolicy: 'Never',
  containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(200)'] }],
};

function job(spec: Partial<Job['spec']> = {}, status?: JobStatus): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: ns, uid: 'job-uid', resourceVersion: '10', generation: 1, labels },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } },
      template: { metadata: { labels }, spec: podSpec },
      ...spec,
    } as Job['spec'],
    status,
  };
}

const running: JobStatus = { startTime: t0, active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} };

function pod(name: string, phase: string, o: { finalizer?: boolean; finishedAt?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: `${name}-uid`,
      resourceVersion: '12',
      creationTimestamp: t0,
      labels,
      ownerReferences: [ownerRef],
      finalizers: o.finalizer === false ? undefined : ['batch.kubernetes.io/job-tracking'],
    },
    spec: { ...podSpec, nodeName: 'worker-1' },
    status: {
      phase,
      containerStatuses: o.finishedAt
        ? [
            {
              name: 'pi',
              image: 'perl:5.34.0',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: o.finishedAt } },
            },
          ]
        : undefined,
    },
  };
}

function setup(j: Job, pods: Pod[] = []) {
  const fx = newControllerFixture();
  const c = new JobController(fx.ctx);
  fx.add(Resources.jobs, j);
  fx.add(Resources.pods, ...pods);
  const writes = () => fx.transport.writes.map((w) => `${w.method} ${w.path}`);
  const statuses = () => fx.transport.writes.filter((w) => w.path.endsWith('/status')).map((w) => (w.body as Job).status);
  return { fx, c, writes, statuses };
}

function condition(type: string, reason: string, message: string) {
  return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
}
const successCriteriaMet = condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods');
const complete = condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods');

describe('JobController.sync', () => {
  it('creates the first pod with the tracking finalizer, then records startTime and active', async () => {
    const { fx, c, writes, statuses } = setup(job());
    await c.sync('default/pi');
    await fx.sim.settle();
    expect(writes()).toEqual([`POST ${podsPath}`, `PUT ${jobPath}/status`]);
    expect(fx.transport.writes[0].body).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'pi-',
        namespace: ns,
        labels,
        finalizers: ['batch.kubernetes.io/job-tracking'],
        ownerReferences: [ownerRef],
      },
      spec: podSpec,
    });
    expect(statuses()).toEqual([{ startTime: now, active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} }]);
    expect(fx.transport.events).toEqual([{ type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: pi-00001' }]);
  });

  it('writes nothing for a running Job whose status is current', async () => {
    const { fx, c } = setup(job({}, running), [pod('pi-a', 'Running')]);
    await c.sync('default/pi');
    expect(fx.transport.writes).toEqual([]);
  });

  it('counts a succeeded pod through uncountedTerminatedPods, drops its finalizer and completes the Job', async () => {
    const { fx, c, writes, statuses } = setup(job({}, running), [pod('pi-a', 'Succeeded', { finishedAt: t0 })]);
    await c.sync('default/pi');
    await fx.sim.settle();
    expect(writes()).toEqual([`PUT ${jobPath}/status`, `PATCH ${podsPath}/pi-a`, `PUT ${jobPath}/status`]);
    expect(fx.transport.writes[1].body).toEqual({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['batch.kubernetes.io/job-tracking'] },
    });
    expect(statuses()).toEqual([
      { startTime: t0, ready: 0, terminating: 0, uncountedTerminatedPods: { succeeded: ['pi-a-uid'] }, conditions: [successCriteriaMet] },
      {
        startTime: t0,
        ready: 0,
        terminating: 0,
        succeeded: 1,
        uncountedTerminatedPods: {},
        conditions: [successCriteriaMet, complete],
        completionTime: now,
      },
    ]);
    expect(fx.transport.events).toEqual([{ type: 'Normal', reason: 'Completed', message: 'Job completed' }]);
  });

  it('fails the Job past backoffLimit with FailureTarget, then Failed', async () => {
    const { fx, c, statuses } = setup(job({ backoffLimit: 0 }, running), [pod('pi-a', 'Failed', { finishedAt: t0 })]);
    await c.sync('default/pi');
    await fx.sim.settle();
    const failureTarget = condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    expect(statuses()).toEqual([
      { startTime: t0, ready: 0, terminating: 0, uncountedTerminatedPods: { failed: ['pi-a-uid'] }, conditions: [failureTarget] },
      {
        startTime: t0,
        ready: 0,
        terminating: 0,
        failed: 1,
        uncountedTerminatedPods: {},
        conditions: [failureTarget, condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')],
      },
    ]);
    expect(fx.transport.events).toEqual([
      { type: 'Warning', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
    ]);
  });

  it('replaces a failed pod only after the back-off of 10s since its failure', async () => {
    const failedAt = formatTime(SimEpoch - 4_000);
    const { fx, c, writes } = setup(job({}, running), [pod('pi-a', 'Failed', { finishedAt: failedAt })]);
    await c.sync('default/pi');
    expect(writes()).toEqual([`PUT ${jobPath}/status`, `PATCH ${podsPath}/pi-a`, `PUT ${jobPath}/status`]);
    fx.transport.reset();
    // The cache now shows the pod counted and without its finalizer.
    const counted = pod('pi-a', 'Failed', { finishedAt: failedAt, finalizer: false });
    fx.add(Resources.pods, counted);
    fx.add(Resources.jobs, job({}, { startTime: t0, failed: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} }));
    c.run();
    await c.sync('default/pi');
    expect(writes()).toEqual([]);
    await fx.sim.advance(6_000);
    c.stop();
    expect(writes()).toEqual([`POST ${podsPath}`, `PUT ${jobPath}/status`]);
  });

  it('runs at most parallelism pods and no more than the completions left', async () => {
    const { fx, c, writes } = setup(job({ parallelism: 2, completions: 3 }, { ...running, succeeded: 1 }), [pod('pi-a', 'Running')]);
    await c.sync('default/pi');
    expect(writes()).toEqual([`POST ${podsPath}`, `PUT ${jobPath}/status`]);
    expect((fx.transport.writes[1].body as Job).status?.active).toBe(2);
  });

  it('deletes the pods of a suspended Job and says so in a Suspended condition', async () => {
    const { fx, c, writes, statuses } = setup(job({ suspend: true }, running), [pod('pi-a', 'Running')]);
    await c.sync('default/pi');
    await fx.sim.settle();
    expect(writes()).toEqual([`PATCH ${podsPath}/pi-a`, `DELETE ${podsPath}/pi-a`, `PUT ${jobPath}/status`]);
    expect(statuses()[0]).toEqual({
      startTime: t0,
      ready: 0,
      terminating: 1,
      uncountedTerminatedPods: {},
      conditions: [condition('Suspended', 'JobSuspended', 'Job suspended')],
    });
    expect(fx.transport.events.map((e) => e.reason)).toEqual(['SuccessfulDelete', 'Suspended']);
  });

  it('leaves a finished Job alone', async () => {
    const { fx, c } = setup(job({}, { succeeded: 1, conditions: [successCriteriaMet, complete] }), [
      pod('pi-a', 'Succeeded', { finalizer: false }),
    ]);
    await c.sync('default/pi');
    expect(fx.transport.writes).toEqual([]);
  });
});
