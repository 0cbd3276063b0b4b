import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isDNS1123Label, isQualifiedName, type ValidateNameFunc } from './names';
import { validateLabels } from './labelSelector';
import { deepEqual } from '../../api/deepEqual';

// ObjectMeta validation of k8s.io/apimachinery/pkg/api/validation/objectmeta.go and its core
// wrapper in pkg/apis/core/validation/validation.go (v1.32), which every built-in group uses.

/** FieldImmutableErrorMsg is apimachineryvalidation.FieldImmutableErrorMsg. */
export const FieldImmutableErrorMsg = 'field is immutable';
/** TotalAnnotationSizeLimitB caps the summed size of annotation keys and values (256 KiB). */
export const TotalAnnotationSizeLimitB = 256 * (1 << 10);

const FinalizerOrphanDependents = 'orphan';
const FinalizerDeleteDependents = 'foregroundDeletion';

/** validateImmutableField reports a change of a field that may not change. */
export function validateImmutableField(newVal: unknown, oldVal: unknown, path: string): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [fieldError.invalid(path, newVal, FieldImmutableErrorMsg)];
}

/** validateNonnegativeField reports a negative number. */
export function validateNonnegativeField(value: number, path: string): FieldError[] {
  return value < 0 ? [fieldError.invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** validateAnnotations checks annotation keys (case-insensitive qualified names) and their total size. */
export function validateAnnotations(annotations: Record<string, string> | undefined | null, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(fieldError.invalid(path, k, msg));
    size += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (size > TotalAnnotationSizeLimitB) errs.push(fieldError.tooLong(path, '', TotalAnnotationSizeLimitB));
  return errs;
}

function validateOwnerReference(ref: OwnerReference, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = ref.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (version.length === 0) errs.push(fieldError.invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
  if (!ref.kind) errs.push(fieldError.invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
  if (!ref.name) errs.push(fieldError.invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
  if (!ref.uid) errs.push(fieldError.invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
  // BannedOwners: events may not own anything.
  if (ref.kind === 'Event' && ((group === '' && version === 'v1') || (group === 'events.k8s.io' && version === 'v1beta1'))) {
    const gvk = `${group}/${version}, Kind=${ref.kind}`;
    errs.push(fieldError.invalid(path, ref, `${gvk} is disallowed from being an owner`));
  }
  return errs;
}

/** validateOwnerReferences checks each reference and that at most one is the controller. */
export function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!refs) return errs;
  let firstController = '';
  for (const ref of refs) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController !== '') {
        errs.push(
          fieldError.invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

/** validateFinalizerName checks one finalizer as a qualified name. */
export function validateFinalizerName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => fieldError.invalid(path, name, msg));
}

const standardFinalizers = new Set(['kubernetes', FinalizerOrphanDependents, FinalizerDeleteDependents]);

/** validateKubeFinalizerName rejects an unqualified finalizer that is not one of the standard ones. */
export function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  if (!name.includes('/') && !standardFinalizers.has(name)) {
    return [fieldError.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

function validateKubeFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, `${path}[${i}]`)));
  return errs;
}

/** validateFinalizers checks names and that orphan and foregroundDeletion are not both set. */
export function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!finalizers) return errs;
  for (const f of finalizers) errs.push(...validateFinalizerName(f, path));
  if (finalizers.includes(FinalizerOrphanDependents) && finalizers.includes(FinalizerDeleteDependents)) {
    errs.push(
      fieldError.invalid(path, finalizers, `finalizer ${FinalizerOrphanDependents} and ${FinalizerDeleteDependents} cannot be both set`),
    );
  }
  return errs;
}

/**
 * validateObjectMeta is ValidateObjectMeta: name (or generateName) format, namespace required or
 * forbidden, generation, labels, annotations, owner references and finalizers.
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameFn: ValidateNameFunc,
  path = 'metadata',
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(fieldError.invalid(`${path}.generateName`, m.generateName, msg));
  }
  if (!m.name) {
    errs.push(fieldError.required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const msg of nameFn(m.name, false)) errs.push(fieldError.invalid(`${path}.name`, m.name, msg));
  }
  if (namespaced) {
    if (!m.namespace) errs.push(fieldError.required(`${path}.namespace`));
    else for (const msg of isDNS1123Label(m.namespace)) errs.push(fieldError.invalid(`${path}.namespace`, m.namespace, msg));
  } else if (m.namespace) {
    errs.push(fieldError.forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(m.generation ?? 0, `${path}.generation`));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  errs.push(...validateKubeFinalizers(m.finalizers, `${path}.finalizers`));
  return errs;
}

/** validateObjectMetaUpdate is ValidateObjectMetaUpdate: what may not change, and the new meta's own checks. */
export function validateObjectMetaUpdate(
  newMeta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  path = 'metadata',
): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const old = new Set(o.finalizers ?? []);
    const extra = [...new Set((n.finalizers ?? []).filter((f) => !old.has(f)))].sort();
    if (extra.length > 0) {
      errs.push(
        fieldError.forbidden(
          `${path}.finalizers`,
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
    }
  }
  if (!n.resourceVersion) {
    errs.push(fieldError.invalid(`${path}.resourceVersion`, n.resourceVersion ?? '', 'must be specified for an update'));
  }
  if ((n.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(fieldError.invalid(`${path}.generation`, n.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...validateImmutableField(n.name ?? '', o.name ?? '', `${path}.name`));
  errs.push(...validateImmutableField(n.namespace ?? '', o.namespace ?? '', `${path}.namespace`));
  errs.push(...validateImmutableField(n.uid ?? '', o.uid ?? '', `${path}.uid`));
  errs.push(...validateImmutableField(n.creationTimestamp ?? null, o.creationTimestamp ?? null, `${path}.creationTimestamp`));
  errs.push(...validateImmutableField(n.deletionTimestamp ?? null, o.deletionTimestamp ?? null, `${path}.deletionTimestamp`));
  errs.push(
    ...validateImmutableField(n.deletionGracePeriodSeconds ?? null, o.deletionGracePeriodSeconds ?? null, `${path}.deletionGracePeriodSeconds`),
  );
  errs.push(...validateLabels(n.labels, `${path}.labels`));
  errs.push(...validateAnnotations(n.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(n.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateKubeFinalizers(n.finalizers, `${path}.finalizers`));
  return errs;
}
