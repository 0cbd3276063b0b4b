import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { deepEqual } from '../../api/deepEqual';
import { eventFieldSelectors, legacyValidateEvent, setDefaultsEvent } from './events';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { nameIsDNSSubdomain } from '../validation/names';

// events.k8s.io/v1 Events share core/v1 Event storage. toStorage / fromStorage are the field
// renames of pkg/apis/events/v1/conversion.go (v1.32); validation is the strict half of
// ValidateEventCreate / ValidateEventUpdate that applies to this API version.

const renames: [v1: string, core: string][] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
  ['reportingController', 'reportingComponent'],
];

function rename(obj: KubeObject, from: 0 | 1, apiVersion: string): KubeObject {
  const out: KubeObject = { ...obj, apiVersion, kind: 'Event' };
  for (const pair of renames) {
    const src = pair[from];
    const dst = pair[1 - from];
    delete out[src];
    if (obj[src] !== undefined) out[dst] = obj[src];
  }
  return out;
}

/** eventToCore converts an events.k8s.io/v1 Event to the core/v1 shape it is stored in. */
export function eventToCore(obj: KubeObject): KubeObject {
  return rename(obj, 0, 'v1');
}

/** eventFromCore renders a stored core/v1 Event as events.k8s.io/v1, with Go's zero values printed. */
export function eventFromCore(obj: StoredObject): StoredObject {
  const out = rename(obj, 1, 'events.k8s.io/v1') as StoredObject;
  out.regarding ??= {};
  out.deprecatedSource ??= {};
  if (out.deprecatedFirstTimestamp === undefined) out.deprecatedFirstTimestamp = null;
  if (out.deprecatedLastTimestamp === undefined) out.deprecatedLastTimestamp = null;
  if (out.eventTime === undefined) out.eventTime = null;
  if (out.reportingController === '') delete out.reportingController;
  if (out.reportingInstance === '') delete out.reportingInstance;
  return out;
}

const asEvent = (o: KubeObject) => o as unknown as Event;
const isZero = (v: unknown) => v === undefined || v === null || v === '';

function validateSeries(e: Event): FieldError[] {
  const errs: FieldError[] = [];
  if (e.series) {
    if ((e.series.count ?? 0) < 2) errs.push(fieldError.invalid('series.count', '', 'should be at least 2'));
    if (isZero(e.series.lastObservedTime)) errs.push(fieldError.required('series.lastObservedTime'));
  }
  return errs;
}

function validateCreate(e: Event): FieldError[] {
  const errs = legacyValidateEvent(e, 'reportingController');
  errs.push(...validateObjectMeta(e.metadata, true, nameIsDNSSubdomain), ...validateSeries(e));
  if (isZero(e.eventTime)) errs.push(fieldError.required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(fieldError.invalid('type', '', `has invalid value: ${e.type ?? ''}`));
  if (!isZero(e.firstTimestamp)) errs.push(fieldError.invalid('firstTimestamp', '', 'needs to be unset'));
  if (!isZero(e.lastTimestamp)) errs.push(fieldError.invalid('lastTimestamp', '', 'needs to be unset'));
  if (e.count) errs.push(fieldError.invalid('count', '', 'needs to be unset'));
  if (e.source?.component || e.source?.host) errs.push(fieldError.invalid('source', '', 'needs to be unset'));
  return errs;
}

// The immutable fields carry their core/v1 names in the paths, as upstream validates the internal type.
const immutableFields = [
  'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime',
  'action', 'related', 'reportingComponent', 'reportingInstance',
] as const;

function validateUpdate(n: Event, o: Event): FieldError[] {
  const errs = legacyValidateEvent(n, 'reportingController');
  errs.push(...validateObjectMetaUpdate(n.metadata, o.metadata));
  if (!deepEqual(n.series, o.series)) errs.push(...validateSeries(n));
  const nn = n as unknown as Record<string, unknown>;
  const oo = o as unknown as Record<string, unknown>;
  for (const f of immutableFields) {
    if (!deepEqual(nn[f] ?? null, oo[f] ?? null)) {
      const path = f === 'reportingComponent' ? 'reportingController' : f;
      errs.push(fieldError.invalid(path, nn[f] ?? null, FieldImmutableErrorMsg));
    }
  }
  return errs;
}

const coreSelector = (k: string) => eventFieldSelectors[k];

/** eventsV1Strategy is the strategy of events.k8s.io/v1 events. */
export const eventsV1Strategy: ResourceStrategy = {
  def: Resources.eventsV1,
  allowCreateOnUpdate: true,
  toStorage: eventToCore,
  fromStorage: eventFromCore,
  defaults: setDefaultsEvent,
  validate: (obj) => validateCreate(asEvent(obj)),
  validateUpdate: (obj, old) => validateUpdate(asEvent(obj), asEvent(old)),
  // Field labels of this version map onto the core/v1 ones (AddFieldLabelConversionsForEvent).
  fieldSelectors: {
    reason: coreSelector('reason'),
    'regarding.kind': coreSelector('involvedObject.kind'),
    'regarding.namespace': coreSelector('involvedObject.namespace'),
    'regarding.name': coreSelector('involvedObject.name'),
    'regarding.uid': coreSelector('involvedObject.uid'),
    'regarding.apiVersion': coreSelector('involvedObject.apiVersion'),
    'regarding.resourceVersion': coreSelector('involvedObject.resourceVersion'),
    'regarding.fieldPath': coreSelector('involvedObject.fieldPath'),
    reportingController: coreSelector('reportingComponent'),
    type: coreSelector('type'),
  },
};
