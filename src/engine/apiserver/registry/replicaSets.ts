import type { ReplicaSet, ReplicaSetSpec, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../api/object';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';
import { fieldError, type FieldError } from '../fieldErrors';
import { nameIsDNSSubdomain } from '../validation/names';
import {
  FieldImmutableErrorMsg,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation/objectMeta';
import { labelSelectorAsSelector, validateControllerSelector, validatePodTemplateSpecForReplicaSet } from './appsValidation';
import { goLabelSelector } from './goValue';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf, resetStatus, semanticDeepEqual } from './strategyHelpers';

// ReplicaSet as pkg/apis/apps/v1/defaults.go, pkg/apis/apps/validation/validation.go and
// pkg/registry/apps/replicaset/strategy.go of v1.32 define it.

/** setDefaultsReplicaSet is SetDefaults_ReplicaSet plus the pod template's defaults. */
export function setDefaultsReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {} as ReplicaSetSpec);
  spec.replicas ??= 1;
  spec.template ??= {};
  setDefaultsPodTemplateSpec(spec.template);
}

/** validateReplicaSetSpec is ValidateReplicaSetSpec. */
export function validateReplicaSetSpec(spec: ReplicaSetSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as ReplicaSetSpec);
  const errs = [
    ...validateNonnegativeField(s.replicas ?? 0, `${path}.replicas`),
    ...validateNonnegativeField(s.minReadySeconds ?? 0, `${path}.minReadySeconds`),
    // Upstream reuses the Deployment wording for an empty ReplicaSet selector.
    ...validateControllerSelector(s.selector, `${path}.selector`, 'deployment'),
  ];
  const selector = labelSelectorAsSelector(s.selector);
  if (!selector) errs.push(fieldError.invalid(`${path}.selector`, goLabelSelector(s.selector), 'invalid label selector'));
  else errs.push(...validatePodTemplateSpecForReplicaSet(s.template, selector, `${path}.template`));
  return errs;
}

/** validateReplicaSet is ValidateReplicaSet. */
export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(rs.spec, 'spec')];
}

/** validateReplicaSetStatus is ValidateReplicaSetStatus. */
export function validateReplicaSetStatus(status: ReplicaSetStatus | undefined, path: string): FieldError[] {
  const s = status ?? ({} as ReplicaSetStatus);
  const n = (v: number | undefined) => v ?? 0;
  const errs = [
    ...validateNonnegativeField(n(s.replicas), `${path}.replicas`),
    ...validateNonnegativeField(n(s.fullyLabeledReplicas), `${path}.fullyLabeledReplicas`),
    ...validateNonnegativeField(n(s.readyReplicas), `${path}.readyReplicas`),
    ...validateNonnegativeField(n(s.availableReplicas), `${path}.availableReplicas`),
    ...validateNonnegativeField(n(s.observedGeneration), `${path}.observedGeneration`),
  ];
  const msg = 'cannot be greater than status.replicas';
  if (n(s.fullyLabeledReplicas) > n(s.replicas)) {
    errs.push(fieldError.invalid(`${path}.fullyLabeledReplicas`, n(s.fullyLabeledReplicas), msg));
  }
  if (n(s.readyReplicas) > n(s.replicas)) errs.push(fieldError.invalid(`${path}.readyReplicas`, n(s.readyReplicas), msg));
  if (n(s.availableReplicas) > n(s.replicas)) errs.push(fieldError.invalid(`${path}.availableReplicas`, n(s.availableReplicas), msg));
  if (n(s.availableReplicas) > n(s.readyReplicas)) {
    errs.push(fieldError.invalid(`${path}.availableReplicas`, n(s.availableReplicas), 'cannot be greater than readyReplicas'));
  }
  return errs;
}

const asReplicaSet = (o: KubeObject) => o as unknown as ReplicaSet;

/** replicaSetStrategy is the REST strategy of apps/v1 replicasets. */
export const replicaSetStrategy: ResourceStrategy = {
  def: Resources.replicasets,
  defaults: (obj) => setDefaultsReplicaSet(asReplicaSet(obj)),
  prepareForCreate(obj) {
    resetStatus(obj, { replicas: 0 });
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatus(obj, old);
    bumpGenerationIf(obj, old, !semanticDeepEqual(obj.spec, old.spec));
  },
  validate: (obj) => validateReplicaSet(asReplicaSet(obj)),
  validateUpdate(obj, old) {
    const rs = asReplicaSet(obj);
    // The strategy runs ValidateReplicaSet and ValidateReplicaSetUpdate, so spec errors come twice.
    const errs = [
      ...validateReplicaSet(rs),
      ...validateObjectMetaUpdate(rs.metadata, old.metadata),
      ...validateReplicaSetSpec(rs.spec, 'spec'),
    ];
    const oldSelector = asReplicaSet(old).spec?.selector;
    if (!semanticDeepEqual(rs.spec?.selector, oldSelector)) {
      errs.push(fieldError.invalid('spec.selector', goLabelSelector(rs.spec?.selector), FieldImmutableErrorMsg));
    }
    return errs;
  },
  status: {
    prepareForUpdate: keepSpec,
    validateUpdate(obj, old) {
      const rs = asReplicaSet(obj);
      return [...validateObjectMetaUpdate(rs.metadata, old.metadata), ...validateReplicaSetStatus(rs.status, 'status')];
    },
  },
  fieldSelectors: {
    'status.replicas': (obj) => String(asReplicaSet(obj).status?.replicas ?? 0),
  },
};
