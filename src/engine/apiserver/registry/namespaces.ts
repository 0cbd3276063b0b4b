import type { Namespace } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { metaOf } from './strategyHelpers';
import { validateFinalizerName, validateKubeFinalizerName, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { nameIsDNSLabel } from '../validation/names';

// The Namespace strategy of pkg/registry/core/namespace/strategy.go (v1.32): status Active and the
// "kubernetes" finalizer on create, spec and status kept on update, and the
// kubernetes.io/metadata.name label always equal to the name.

/** LabelMetadataName is the label every namespace carries with its own name. */
export const LabelMetadataName = 'kubernetes.io/metadata.name';
/** FinalizerKubernetes is the finalizer the namespace controller removes once the namespace is empty. */
export const FinalizerKubernetes = 'kubernetes';

const asNamespace = (o: KubeObject) => o as unknown as Namespace;

function setNameLabel(obj: KubeObject): void {
  const meta = metaOf(obj);
  if (meta.name) meta.labels = { ...meta.labels, [LabelMetadataName]: meta.name };
}

function validateSpecFinalizers(ns: Namespace): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ns.spec?.finalizers ?? []) {
    errs.push(...validateFinalizerName(f, 'spec.finalizers'), ...validateKubeFinalizerName(f, 'spec.finalizers'));
  }
  return errs;
}

/** namespacesStrategy is the strategy of core/v1 namespaces and their status subresource. */
export const namespacesStrategy: ResourceStrategy = {
  def: Resources.namespaces,
  defaults: setNameLabel,
  prepareForCreate(obj) {
    obj.status = { phase: 'Active' };
    const spec = ((obj.spec ??= {}) as { finalizers?: string[] });
    if (!(spec.finalizers ?? []).includes(FinalizerKubernetes)) spec.finalizers = [...(spec.finalizers ?? []), FinalizerKubernetes];
    // Upstream sets the label in Canonicalize, once a generated name is known.
    setNameLabel(obj);
  },
  prepareForUpdate(obj, old) {
    obj.spec = old.spec;
    obj.status = old.status;
    setNameLabel(obj);
  },
  validate: (obj) => [...validateObjectMeta(obj.metadata, false, nameIsDNSLabel), ...validateSpecFinalizers(asNamespace(obj))],
  validateUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
  status: {
    prepareForUpdate(obj, old) {
      obj.spec = old.spec;
      setNameLabel(obj);
    },
    validateUpdate(obj, old) {
      const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
      const phase = asNamespace(obj).status?.phase ?? '';
      if (!obj.metadata?.deletionTimestamp) {
        if (phase !== 'Active') errs.push(fieldError.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty"));
      } else if (phase !== 'Terminating') {
        errs.push(fieldError.invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
      }
      return errs;
    },
  },
  fieldSelectors: {
    'status.phase': (o) => asNamespace(o).status?.phase ?? '',
    // "name" is a historical alias upstream keeps for compatibility.
    name: (o) => o.metadata.name ?? '',
  },
};

/**
 * finalizeNamespace is the /finalize subresource's strategy (namespaceFinalizeStrategy): status is
 * kept, spec.finalizers may change and must be valid names.
 */
export function finalizeNamespace(obj: KubeObject, old: StoredObject): FieldError[] {
  obj.status = old.status;
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
  (asNamespace(obj).spec?.finalizers ?? []).forEach((f, i) => {
    errs.push(...validateFinalizerName(f, `spec.finalizers[${i}]`), ...validateKubeFinalizerName(f, `spec.finalizers[${i}]`));
  });
  return errs;
}
