import { describe, it, expect } from 'vitest';
import type { KubeObject, StoredObject } from '../../api/object';
import { eventsStrategy } from './events';
import { eventsV1Strategy, eventFromCore, eventToCore } from './eventsV1';
import { createThrough, testContext } from './coreTesting';

const coreEvent = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web.17a', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
  reason: 'Scheduled',
  message: 'Successfully assigned default/web to node-1',
  source: { component: 'default-scheduler' },
  type: 'Normal',
  ...extra,
});

describe('core/v1 events', () => {
  it('prints Go zero values and validates legacy events', () => {
    const { obj, errors } = createThrough(eventsStrategy, coreEvent(), testContext());
    expect(errors).toEqual([]);
    expect(obj).toMatchObject({ firstTimestamp: null, lastTimestamp: null, eventTime: null, reportingComponent: '', reportingInstance: '' });
    expect(eventsStrategy.allowCreateOnUpdate).toBe(true);
  });

  it('requires the involved object in the same namespace', () => {
    const e = coreEvent({ involvedObject: { kind: 'Pod', name: 'web', namespace: 'other' } });
    expect(createThrough(eventsStrategy, e, testContext()).errors).toEqual(['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
  });

  it('requires reporting fields for events with eventTime', () => {
    const e = coreEvent({ eventTime: '2025-01-01T00:00:00.000000Z' });
    expect(createThrough(eventsStrategy, e, testContext()).errors).toEqual([
      'reportingComponent: Required value',
      `reportingComponent: Invalid value: "": name part must be non-empty`,
      `reportingComponent: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      'reportingInstance: Required value',
      'action: Required value',
    ]);
  });

  it.each([
    ['involvedObject.kind', 'Pod'],
    ['involvedObject.name', 'web'],
    ['reason', 'Scheduled'],
    ['source', 'default-scheduler'],
    ['type', 'Normal'],
  ])('selects by %s', (field, value) => {
    const { obj } = createThrough(eventsStrategy, coreEvent(), testContext());
    expect(eventsStrategy.fieldSelectors![field](obj as StoredObject)).toBe(value);
  });
});

describe('events.k8s.io/v1 events', () => {
  const v1 = (extra: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: 'web.17b', namespace: 'default' },
    eventTime: '2025-01-01T00:00:00.000000Z',
    reportingController: 'default-scheduler',
    reportingInstance: 'default-scheduler-node-1',
    action: 'Binding',
    reason: 'Scheduled',
    regarding: { kind: 'Pod', name: 'web', namespace: 'default' },
    note: 'Successfully assigned default/web to node-1',
    type: 'Normal',
    ...extra,
  });

  it('converts to core/v1 and back', () => {
    const core = eventToCore(v1());
    expect(core).toMatchObject({ apiVersion: 'v1', involvedObject: { name: 'web' }, message: 'Successfully assigned default/web to node-1', reportingComponent: 'default-scheduler' });
    expect(core.regarding).toBeUndefined();
    const back = eventFromCore({ ...core, metadata: core.metadata! } as StoredObject);
    expect(back).toMatchObject({ apiVersion: 'events.k8s.io/v1', regarding: { name: 'web' }, note: core.message, deprecatedSource: {}, deprecatedFirstTimestamp: null });
  });

  it('validates strictly what this version creates', () => {
    const { errors } = createThrough(eventsV1Strategy, eventToCore(v1({ type: 'Info', reportingController: undefined })), testContext());
    expect(errors).toEqual(expect.arrayContaining(['reportingController: Required value', 'type: Invalid value: "": has invalid value: Info']));
  });

  it('accepts a well-formed event', () => {
    expect(createThrough(eventsV1Strategy, eventToCore(v1()), testContext()).errors).toEqual([]);
  });

  it('maps its field labels onto core ones', () => {
    const { obj } = createThrough(eventsV1Strategy, eventToCore(v1()), testContext());
    expect(eventsV1Strategy.fieldSelectors!['regarding.name'](obj as StoredObject)).toBe('web');
    expect(eventsV1Strategy.fieldSelectors!.reportingController(obj as StoredObject)).toBe('default-scheduler');
  });
});
