import type { Container, ContainerStatus, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { deepEqual } from '../../api/deepEqual';
import { validateObjectMetaUpdate } from './objectMeta';
import { isDNS1123Subdomain, isQualifiedName } from './names';
import { validatePodMetadataAndSpec } from './podSpec';
import { validateTolerations } from './scheduling';
import { computePodQOS } from './podQOS';
import { goSpecDiff } from './goDiff';

// ValidatePodUpdate of pkg/apis/core/validation/validation.go (v1.32): a Pod's spec is immutable
// but for images, activeDeadlineSeconds, added tolerations, removed scheduling gates and a
// negative terminationGracePeriodSeconds set to 1.

/** updatablePodSpecFields is the v1.32 list the Forbidden message names (InPlacePodVerticalScaling off). */
export const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const maxInt32 = 2147483647;

/** validatePodUpdate checks an update of a Pod (not of its status). */
export function validatePodUpdate(newPod: Pod, oldPod: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(newPod.metadata, oldPod.metadata);
  errs.push(...validatePodMetadataAndSpec(newPod));
  const ns: PodSpec = newPod.spec ?? { containers: [] };
  const os: PodSpec = oldPod.spec ?? { containers: [] };
  for (const key of ['containers', 'initContainers'] as const) {
    const res = validateContainerUpdates(ns[key] ?? [], os[key] ?? [], `spec.${key}`);
    errs.push(...res.errs);
    if (res.stop) return errs;
  }
  const nads = ns.activeDeadlineSeconds;
  const oads = os.activeDeadlineSeconds;
  if (nads !== undefined) {
    if (nads < 0 || nads > maxInt32) {
      errs.push(fieldError.invalid('spec.activeDeadlineSeconds', nads, `must be between 0 and ${maxInt32}, inclusive`));
      return errs;
    }
    if (oads !== undefined && oads < nads) {
      errs.push(fieldError.invalid('spec.activeDeadlineSeconds', nads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oads !== undefined) {
    errs.push(fieldError.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(ns.tolerations ?? [], os.tolerations ?? [], 'spec.tolerations'));
  errs.push(...validateOnlyDeletedSchedulingGates(ns, os));
  if (deepEqual(ns, os)) return errs;
  if (computePodQOS(oldPod) !== computePodQOS(newPod)) {
    errs.push(fieldError.invalid('metadata', newPod.status?.qosClass ?? '', 'Pod QoS is immutable'));
  }
  const munged: PodSpec = {
    ...ns,
    containers: (ns.containers ?? []).map((c, i) => ({ ...c, image: os.containers[i]?.image }) as Container),
    activeDeadlineSeconds: oads,
    schedulingGates: os.schedulingGates,
    tolerations: os.tolerations,
  };
  if (ns.initContainers) munged.initContainers = ns.initContainers.map((c, i) => ({ ...c, image: os.initContainers?.[i]?.image }) as Container);
  const otgps = os.terminationGracePeriodSeconds;
  if (otgps !== undefined && otgps < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = otgps;
  if (!deepEqual(munged, os)) {
    errs.push(
      fieldError.forbidden('spec', `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${goSpecDiff(os, munged)}`),
    );
  }
  return errs;
}

function validateContainerUpdates(n: Container[], o: Container[], path: string): { errs: FieldError[]; stop: boolean } {
  if (n.length !== o.length) return { errs: [fieldError.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    if (!c.image) errs.push(fieldError.required(`${path}[${i}].image`));
    else if (c.image.trim() !== c.image) errs.push(fieldError.invalid(`${path}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** validateOnlyAddedTolerations allows new tolerations and tolerationSeconds changes, nothing else. */
export function validateOnlyAddedTolerations(n: Toleration[], o: Toleration[], path: string): FieldError[] {
  for (const old of o) {
    const found = n.some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fieldError.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(n, path);
}

function validateOnlyDeletedSchedulingGates(ns: PodSpec, os: PodSpec): FieldError[] {
  const errs: FieldError[] = [];
  const oldGates = new Set((os.schedulingGates ?? []).map((g) => g.name));
  (ns.schedulingGates ?? []).forEach((g, i) => {
    if (!oldGates.has(g.name)) {
      errs.push(fieldError.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g.name}'`));
    }
  });
  return errs;
}

/** validatePodStatusUpdate is ValidatePodStatusUpdate: conditions, nominatedNodeName and container state moves. */
export function validatePodStatusUpdate(newPod: Pod, oldPod: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(newPod.metadata, oldPod.metadata);
  const systemConditions = new Set(['PodScheduled', 'Ready', 'Initialized']);
  (newPod.status?.conditions ?? []).forEach((c, i) => {
    if (systemConditions.has(c.type)) return;
    for (const m of isQualifiedName(c.type)) errs.push(fieldError.invalid(`metadata.conditions[${i}].Type`, c.type, m));
  });
  if ((newPod.spec?.nodeName ?? '') !== (oldPod.spec?.nodeName ?? '')) errs.push(fieldError.forbidden('status.nodeName', 'may not be changed directly'));
  const nominated = newPod.status?.nominatedNodeName ?? '';
  if (nominated && nominated !== (oldPod.status?.nominatedNodeName ?? '')) {
    for (const m of isDNS1123Subdomain(nominated)) errs.push(fieldError.invalid('status.nominatedNodeName', nominated, m));
  }
  const restartPolicy = oldPod.spec?.restartPolicy ?? 'Always';
  errs.push(...validateContainerStateTransition(newPod.status?.containerStatuses, oldPod.status?.containerStatuses, 'status.containerStatuses', restartPolicy));
  return errs;
}

function validateContainerStateTransition(
  next: ContainerStatus[] | undefined,
  prev: ContainerStatus[] | undefined,
  path: string,
  restartPolicy: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (restartPolicy === 'Always') return errs;
  (prev ?? []).forEach((o, i) => {
    const term = o.state?.terminated;
    if (!term) return;
    if (term.exitCode !== 0 && restartPolicy === 'OnFailure') return;
    for (const n of next ?? []) {
      if (n.name === o.name && !n.state?.terminated) errs.push(fieldError.forbidden(`${path}[${i}].state`, 'may not be transitioned to non-terminated state'));
    }
  });
  return errs;
}
