import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isDNS1123Subdomain, isQualifiedName, nameIsPathSegment } from '../validation/names';

// The core/v1 Event strategy of pkg/registry/core/event/strategy.go and the legacy checks of
// pkg/apis/core/validation/events.go (v1.32). Events may be created by PUT; their names only need
// to be valid path segments (the generic registry's own check).

export const ReportingInstanceLengthLimit = 128;
export const ActionLengthLimit = 128;
export const ReasonLengthLimit = 128;
export const NoteLengthLimit = 1024;

const asEvent = (o: KubeObject) => o as unknown as Event;

/**
 * setDefaultsEvent fills what Go prints for zero values of core/v1 Event: metav1.Time and
 * MicroTime as null, the always-present involvedObject and source, and the non-omitempty
 * reportingComponent / reportingInstance strings.
 */
export function setDefaultsEvent(obj: KubeObject): void {
  const e = obj as Record<string, unknown>;
  e.involvedObject ??= {};
  e.source ??= {};
  if (e.firstTimestamp === undefined) e.firstTimestamp = null;
  if (e.lastTimestamp === undefined) e.lastTimestamp = null;
  if (e.eventTime === undefined) e.eventTime = null;
  e.reportingComponent ??= '';
  e.reportingInstance ??= '';
}

/** legacyValidateEvent checks namespaces and, for events with eventTime, the reporting fields. */
export function legacyValidateEvent(e: Event, reportingField: string): FieldError[] {
  const errs: FieldError[] = [];
  const ns = e.metadata?.namespace ?? '';
  const involvedNs = e.involvedObject?.namespace ?? '';
  const mismatch = () => fieldError.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace');
  if (!e.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(mismatch());
    } else if (ns !== involvedNs) {
      errs.push(mismatch());
    }
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(mismatch());
    const rc = e.reportingComponent ?? '';
    if (!rc) errs.push(fieldError.required(reportingField));
    for (const m of isQualifiedName(rc)) errs.push(fieldError.invalid(reportingField, rc, m));
    const ri = e.reportingInstance ?? '';
    if (!ri) errs.push(fieldError.required('reportingInstance'));
    if (ri.length > ReportingInstanceLengthLimit) errs.push(fieldError.invalid('reportingInstance', '', `can have at most ${ReportingInstanceLengthLimit} characters`));
    const action = e.action ?? '';
    if (!action) errs.push(fieldError.required('action'));
    if (action.length > ActionLengthLimit) errs.push(fieldError.invalid('action', '', `can have at most ${ActionLengthLimit} characters`));
    const reason = e.reason ?? '';
    if (!reason) errs.push(fieldError.required('reason'));
    if (reason.length > ReasonLengthLimit) errs.push(fieldError.invalid('reason', '', `can have at most ${ReasonLengthLimit} characters`));
    if ((e.message ?? '').length > NoteLengthLimit) errs.push(fieldError.invalid('message', '', `can have at most ${NoteLengthLimit} characters`));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(fieldError.invalid('namespace', ns, m));
  return errs;
}

/** eventFieldSelectors are the field labels of core/v1 Events (event ToSelectableFields). */
export const eventFieldSelectors: Record<string, (o: StoredObject) => string> = {
  'involvedObject.kind': (o) => asEvent(o).involvedObject?.kind ?? '',
  'involvedObject.namespace': (o) => asEvent(o).involvedObject?.namespace ?? '',
  'involvedObject.name': (o) => asEvent(o).involvedObject?.name ?? '',
  'involvedObject.uid': (o) => asEvent(o).involvedObject?.uid ?? '',
  'involvedObject.apiVersion': (o) => asEvent(o).involvedObject?.apiVersion ?? '',
  'involvedObject.resourceVersion': (o) => asEvent(o).involvedObject?.resourceVersion ?? '',
  'involvedObject.fieldPath': (o) => asEvent(o).involvedObject?.fieldPath ?? '',
  reason: (o) => asEvent(o).reason ?? '',
  reportingComponent: (o) => asEvent(o).reportingComponent ?? '',
  source: (o) => asEvent(o).source?.component || asEvent(o).reportingComponent || '',
  type: (o) => asEvent(o).type ?? '',
};

/** eventsStrategy is the strategy of core/v1 events. */
export const eventsStrategy: ResourceStrategy = {
  def: Resources.events,
  allowCreateOnUpdate: true,
  defaults: setDefaultsEvent,
  validate: (obj) => [...legacyValidateEvent(asEvent(obj), 'reportingComponent'), ...validateObjectMeta(obj.metadata, true, nameIsPathSegment)],
  validateUpdate: (obj, old) => [...legacyValidateEvent(asEvent(obj), 'reportingComponent'), ...validateObjectMetaUpdate(obj.metadata, old.metadata)],
  fieldSelectors: eventFieldSelectors,
};
