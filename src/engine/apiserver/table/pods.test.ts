import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podPrinter, printPod } from './pods';

const now = Date.parse('2025-01-01T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const sec = 1000;
const min = 60 * sec;

function pod(overrides: { spec?: Partial<Pod['spec']>; status?: Pod['status']; deleting?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'default',
      creationTimestamp: ago(10 * min),
      ...(overrides.deleting ? { deletionTimestamp: ago(5 * sec) } : {}),
    },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], nodeName: 'node-1', ...overrides.spec },
    status: overrides.status ?? {},
  };
}

const running = (extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name: 'nginx',
  image: 'nginx:1.27',
  imageID: '',
  ready: true,
  restartCount: 0,
  started: true,
  state: { running: { startedAt: ago(9 * min) } },
  ...extra,
});
const waiting = (reason: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name: 'nginx',
  image: 'nginx:1.27',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (reason: string | undefined, exitCode: number, signal?: number): ContainerStatus => ({
  name: 'nginx',
  image: 'nginx:1.27',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { reason, exitCode, signal, finishedAt: ago(1 * min) } },
});
const readyConditions = [
  { type: 'Initialized', status: 'True' },
  { type: 'Ready', status: 'True' },
  { type: 'PodScheduled', status: 'True' },
];

describe('printPod', () => {
  it('prints a running pod with one ready container and 2 restarts 5 minutes ago', () => {
    const p = pod({
      status: {
        phase: 'Running',
        podIP: '10.244.1.5',
        podIPs: [{ ip: '10.244.1.5' }],
        conditions: readyConditions,
        containerStatuses: [
          running({ restartCount: 2, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(5 * min) } } }),
        ],
      },
    });
    expect(printPod(p, now)).toEqual(['web-1', '1/1', 'Running', '2 (5m ago)', '10m', '10.244.1.5', 'node-1', '<none>', '<none>']);
  });

  it('prints an unscheduled pending pod with <none> placeholders', () => {
    const p = pod({ spec: { nodeName: undefined }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] } });
    expect(printPod(p, now)).toEqual(['web-1', '0/1', 'Pending', '0', '10m', '<none>', '<none>', '<none>', '<none>']);
  });

  it.each([
    ['ContainerCreating'],
    ['ErrImagePull'],
    ['ImagePullBackOff'],
    ['CreateContainerConfigError'],
  ])('shows the waiting reason %s as STATUS', (reason) => {
    const p = pod({ status: { phase: 'Pending', containerStatuses: [waiting(reason)] } });
    expect(printPod(p, now).slice(1, 4)).toEqual(['0/1', reason, '0']);
  });

  it('shows CrashLoopBackOff with the restart count and the last restart age', () => {
    const p = pod({
      status: {
        phase: 'Running',
        containerStatuses: [waiting('CrashLoopBackOff', { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(30 * sec) } } })],
      },
    });
    expect(printPod(p, now).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '3 (30s ago)']);
  });

  it('prints restarts without an age when no termination time is known', () => {
    const p = pod({ status: { phase: 'Running', containerStatuses: [running({ restartCount: 4 })] } });
    expect(printPod(p, now)[3]).toBe('4');
  });

  it.each([
    ['Completed', 0, undefined, 'Completed'],
    ['Error', 1, undefined, 'Error'],
    ['OOMKilled', 137, undefined, 'OOMKilled'],
    [undefined, 137, undefined, 'ExitCode:137'],
    [undefined, 137, 9, 'Signal:9'],
  ])('shows a terminated container with reason %s exit %d signal %s as %s', (reason, exitCode, signal, want) => {
    const p = pod({ status: { phase: 'Running', containerStatuses: [terminated(reason, exitCode, signal)] } });
    expect(printPod(p, now)[2]).toBe(want);
  });

  it('adds a Completed row condition for a succeeded pod and a failed one for a failed pod', () => {
    const ok = pod({ status: { phase: 'Succeeded', containerStatuses: [terminated('Completed', 0)] } });
    expect(printPod(ok, now)[2]).toBe('Completed');
    expect(podPrinter.conditions?.(ok)).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    const failed = pod({ status: { phase: 'Failed', containerStatuses: [terminated('Error', 2)] } });
    expect(podPrinter.conditions?.(failed)).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
    expect(podPrinter.conditions?.(pod({ status: { phase: 'Running' } }))).toBeUndefined();
  });

  it('shows Terminating for a running pod with a deletionTimestamp', () => {
    const p = pod({ deleting: true, status: { phase: 'Running', conditions: readyConditions, containerStatuses: [running()] } });
    expect(printPod(p, now).slice(1, 3)).toEqual(['1/1', 'Terminating']);
  });

  it('keeps the phase of a terminal pod that is being deleted', () => {
    const p = pod({ deleting: true, status: { phase: 'Succeeded', containerStatuses: [terminated('Completed', 0)] } });
    expect(printPod(p, now)[2]).toBe('Completed');
  });

  it('shows Unknown for a deleted pod on a lost node', () => {
    const p = pod({ deleting: true, status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running()] } });
    expect(printPod(p, now)[2]).toBe('Unknown');
  });

  it('shows the status reason of an evicted pod', () => {
    const p = pod({ status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' } });
    expect(printPod(p, now).slice(1, 3)).toEqual(['0/1', 'Evicted']);
  });

  it('shows SchedulingGated while a scheduling gate holds the pod', () => {
    const p = pod({ spec: { nodeName: undefined }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } });
    expect(printPod(p, now)[2]).toBe('SchedulingGated');
  });

  describe('init containers', () => {
    const initSpec = { initContainers: [{ name: 'init-db', image: 'busybox' }] };
    const init = (s: Partial<ContainerStatus>): ContainerStatus => ({ name: 'init-db', image: 'busybox', imageID: '', ready: false, restartCount: 0, ...s });

    it.each([
      ['running', init({ state: { running: {} } }), 'Init:0/1'],
      ['waiting on PodInitializing', init({ state: { waiting: { reason: 'PodInitializing' } } }), 'Init:0/1'],
      ['crash looping', init({ state: { waiting: { reason: 'CrashLoopBackOff' } } }), 'Init:CrashLoopBackOff'],
      ['failed with a reason', init({ state: { terminated: { exitCode: 1, reason: 'Error' } } }), 'Init:Error'],
      ['failed without a reason', init({ state: { terminated: { exitCode: 3 } } }), 'Init:ExitCode:3'],
      ['killed by a signal', init({ state: { terminated: { exitCode: 137, signal: 9 } } }), 'Init:Signal:9'],
    ])('shows an init container that is %s as %s', (_, status, want) => {
      const p = pod({
        spec: initSpec,
        status: { phase: 'Pending', initContainerStatuses: [status], containerStatuses: [waiting('PodInitializing')] },
      });
      expect(printPod(p, now).slice(1, 3)).toEqual(['0/1', want]);
    });

    it('counts init container restarts while initializing', () => {
      const p = pod({
        spec: initSpec,
        status: {
          phase: 'Pending',
          initContainerStatuses: [init({ restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * min) } } })],
          containerStatuses: [waiting('PodInitializing', { restartCount: 0 })],
        },
      });
      expect(printPod(p, now).slice(2, 4)).toEqual(['Init:CrashLoopBackOff', '2 (2m ago)']);
    });

    it('counts a started sidecar as a container and its restarts once initialized', () => {
      const p = pod({
        spec: { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] },
        status: {
          phase: 'Running',
          conditions: readyConditions,
          initContainerStatuses: [
            { name: 'proxy', image: 'envoy', imageID: '', ready: true, started: true, restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(3 * min) } } },
          ],
          containerStatuses: [running()],
        },
      });
      expect(printPod(p, now).slice(1, 4)).toEqual(['2/2', 'Running', '1 (3m ago)']);
    });
  });

  it('shows Running when one container completed and another still runs with the pod Ready', () => {
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    const status = (conditions: { type: string; status: string }[]): Pod['status'] => ({
      phase: 'Running',
      conditions,
      containerStatuses: [running({ name: 'a' }), { ...terminated('Completed', 0), name: 'b' }],
    });
    expect(printPod(pod({ spec, status: status(readyConditions) }), now).slice(1, 3)).toEqual(['1/2', 'Running']);
    expect(printPod(pod({ spec, status: status([{ type: 'Ready', status: 'False' }]) }), now)[2]).toBe('NotReady');
  });

  it('takes the reason of the first container that is not running', () => {
    const p = pod({
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: { phase: 'Pending', containerStatuses: [waiting('ErrImagePull', { name: 'a' }), waiting('ContainerCreating', { name: 'b' })] },
    });
    expect(printPod(p, now)[2]).toBe('ErrImagePull');
  });

  it('prints readiness gates, the nominated node and falls back to podIPs', () => {
    const p = pod({
      spec: { nodeName: undefined, readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      status: {
        phase: 'Pending',
        nominatedNodeName: 'node-2',
        podIPs: [{ ip: 'fd00::5' }],
        conditions: [{ type: 'example.com/lb', status: 'True' }, { type: 'example.com/dns', status: 'False' }],
      },
    });
    expect(printPod(p, now).slice(5)).toEqual(['fd00::5', '<none>', 'node-2', '1/2']);
  });
});
