import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { eventPrinter } from './events';

const now = Date.parse('2025-01-01T12:00:00Z');

const base: Event = {
  metadata: { name: 'web-1.181a2b3c4d5e6f70', namespace: 'default', creationTimestamp: '2025-01-01T11:50:00Z' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', fieldPath: 'spec.containers{nginx}' },
  reason: 'BackOff',
  message: 'Back-off restarting failed container nginx in pod web-1_default(uid)\n',
  type: 'Warning',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2025-01-01T11:50:00Z',
  lastTimestamp: '2025-01-01T11:58:00Z',
  count: 7,
};

describe('eventPrinter', () => {
  it('has LAST SEEN TYPE REASON OBJECT MESSAGE with wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME', () => {
    expect(eventPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1',
    ]);
    expect(eventPrinter.columns[9].format).toBe('name');
  });

  it('prints a core/v1 event', () => {
    expect(eventPrinter.cells(base, now)).toEqual([
      '2m', 'Warning', 'BackOff', 'pod/web-1', 'spec.containers{nginx}', 'kubelet, node-1',
      'Back-off restarting failed container nginx in pod web-1_default(uid)', '10m', 7, 'web-1.181a2b3c4d5e6f70',
    ]);
  });

  it('falls back to eventTime, reportingController and count 1 for a new-style singleton event', () => {
    const ev: Event = {
      metadata: { name: 'web-1.1', creationTimestamp: '2025-01-01T11:59:00Z' },
      involvedObject: { kind: 'Pod', name: 'web-1' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/web-1 to node-1',
      type: 'Normal',
      eventTime: '2025-01-01T11:59:00.123456Z',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
    };
    // 59.877s: Go truncates to whole seconds.
    expect(eventPrinter.cells(ev, now)).toEqual([
      '59s', 'Normal', 'Scheduled', 'pod/web-1', '', 'default-scheduler, default-scheduler-control-plane',
      'Successfully assigned default/web-1 to node-1', '59s', 1, 'web-1.1',
    ]);
  });

  it('takes last seen and count from the series', () => {
    const ev: Event = { ...base, series: { count: 12, lastObservedTime: '2025-01-01T11:59:30.000000Z' } };
    const cells = eventPrinter.cells(ev, now);
    expect([cells[0], cells[8]]).toEqual(['30s', 12]);
  });

  it('prints the kind alone for an object without a name, and the source without host', () => {
    const ev: Event = { ...base, involvedObject: { kind: 'Node' }, source: { component: 'kubelet' } };
    const cells = eventPrinter.cells(ev, now);
    expect([cells[3], cells[5]]).toEqual(['node', 'kubelet']);
  });

  it('reads the events.k8s.io/v1 shape too', () => {
    const ev = {
      metadata: { name: 'web-1.2', creationTimestamp: '2025-01-01T11:55:00Z' },
      eventTime: '2025-01-01T11:55:00.000000Z',
      regarding: { kind: 'Deployment', name: 'web' },
      reason: 'ScalingReplicaSet',
      note: 'Scaled up replica set web-7d9c5b to 3 from 0',
      type: 'Normal',
      reportingController: 'deployment-controller',
      reportingInstance: '',
      action: 'Scale',
    };
    expect(eventPrinter.cells(ev, now)).toEqual([
      '5m', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller',
      'Scaled up replica set web-7d9c5b to 3 from 0', '5m', 1, 'web-1.2',
    ]);
  });
});
