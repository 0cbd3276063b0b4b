import type { StatefulSet, StatefulSetSpec, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';
import { setDefaultsResourceList } from '../defaults/resources';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import { validateLabels } from '../validation/labelSelector';
import { nameIsDNSLabel } from '../validation/names';
import { validateAnnotations, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import {
  getIntOrPercentValue,
  isNotMoreThan100Percent,
  labelSelectorAsSelector,
  restartPolicyAlways,
  selectorIsEmpty,
  templateLabelsMismatch,
  validateCollisionCountUpdate,
  validateControllerSelector,
  validateOptionalNonnegative,
  validatePositiveIntOrPercent,
} from './appsValidation';
import { goIntOrString, goLabelSelector, goPointer, goQuote } from './goValue';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf, resetStatus, semanticDeepEqual } from './strategyHelpers';

// StatefulSet as pkg/apis/apps/v1/defaults.go, pkg/apis/apps/validation/validation.go and
// pkg/registry/apps/statefulset/strategy.go of v1.32 define it.

function setDefaultsClaimTemplate(pvc: PersistentVolumeClaim): void {
  const meta = (pvc.metadata ??= {}) as Record<string, unknown>;
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  const spec = (pvc.spec ??= {});
  spec.volumeMode ??= 'Filesystem';
  setDefaultsResourceList(spec.resources?.requests);
  setDefaultsResourceList(spec.resources?.limits);
  // SetDefaults_PersistentVolumeClaim: a claim template prints "status: {phase: Pending}".
  const m = pvc as { status?: { phase?: string } };
  const status = (m.status ??= {});
  status.phase ||= 'Pending';
}

/** setDefaultsStatefulSet is SetDefaults_StatefulSet plus the template and claim templates' defaults. */
export function setDefaultsStatefulSet(sts: StatefulSet): void {
  const spec = (sts.spec ??= {} as StatefulSetSpec);
  spec.podManagementPolicy ||= 'OrderedReady';
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = 'RollingUpdate';
    us.rollingUpdate ??= {};
  }
  if (us.type === 'RollingUpdate' && us.rollingUpdate) us.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.template ??= {};
  setDefaultsPodTemplateSpec(spec.template);
  for (const pvc of spec.volumeClaimTemplates ?? []) setDefaultsClaimTemplate(pvc);
}

function validateRetentionPolicyType(v: string | undefined, path: string): FieldError[] {
  return v === 'Retain' || v === 'Delete' ? [] : [fieldError.notSupported(path, v ?? '', ['Retain', 'Delete'])];
}

function validateUpdateStrategy(spec: StatefulSetSpec, path: string): FieldError[] {
  const us = spec.updateStrategy ?? {};
  switch (us.type ?? '') {
    case '':
      return [fieldError.required(path)];
    case 'OnDelete':
      return us.rollingUpdate
        ? [fieldError.invalid(`${path}.rollingUpdate`, rollingUpdateValue(us.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'")]
        : [];
    case 'RollingUpdate': {
      const ru = us.rollingUpdate;
      if (!ru) return [];
      const errs = validateNonnegativeField(ru.partition ?? 0, `${path}.rollingUpdate.partition`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        const p = `${path}.rollingUpdate.maxUnavailable`;
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p));
        if (getIntOrPercentValue(ru.maxUnavailable) === 0) errs.push(fieldError.invalid(p, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p));
      }
      return errs;
    }
    default: {
      const text = `apps.StatefulSetUpdateStrategy{Type:${goQuote(us.type!)}, RollingUpdate:${goPointer('apps.RollingUpdateStatefulSetStrategy', us.rollingUpdate)}}`;
      return [fieldError.invalid(path, new GoValue(text), "must be 'RollingUpdate' or 'OnDelete'")];
    }
  }
}

function rollingUpdateValue(ru: { partition?: number; maxUnavailable?: number | string }): GoValue {
  return new GoValue(
    `apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${goPointer('intstr.IntOrString', ru.maxUnavailable)}}`,
  );
}

/** validateStatefulSetSpec is ValidateStatefulSetSpec. */
export function validateStatefulSetSpec(spec: StatefulSetSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as StatefulSetSpec);
  const errs: FieldError[] = [];
  const pmp = s.podManagementPolicy ?? '';
  if (pmp === '') errs.push(fieldError.required(`${path}.podManagementPolicy`));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(fieldError.invalid(`${path}.podManagementPolicy`, pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(s, `${path}.updateStrategy`));
  const retention = s.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    errs.push(...validateRetentionPolicyType(retention.whenDeleted, `${path}.persistentVolumeClaimRetentionPolicy.whenDeleted`));
    errs.push(...validateRetentionPolicyType(retention.whenScaled, `${path}.persistentVolumeClaimRetentionPolicy.whenScaled`));
  }
  errs.push(...validateNonnegativeField(s.replicas ?? 0, `${path}.replicas`));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, `${path}.minReadySeconds`));
  if (s.ordinals) errs.push(...validateNonnegativeField(s.ordinals.start ?? 0, `${path}.ordinals.start`));
  errs.push(...validateControllerSelector(s.selector, `${path}.selector`, 'statefulset'));
  const selector = labelSelectorAsSelector(s.selector);
  if (!selector) errs.push(fieldError.invalid(`${path}.selector`, goLabelSelector(s.selector), ''));
  else {
    // ValidatePodTemplateSpecForStatefulSet: labels and annotations only, no PodSpec validation.
    const tpl = s.template;
    if (!selectorIsEmpty(selector)) errs.push(...templateLabelsMismatch(selector, tpl, `${path}.template`));
    errs.push(...validateLabels(tpl?.metadata?.labels, `${path}.template.labels`));
    errs.push(...validateAnnotations(tpl?.metadata?.annotations, `${path}.template.annotations`));
  }
  errs.push(...restartPolicyAlways(s.template, `${path}.template.spec`));
  if (s.template?.spec?.activeDeadlineSeconds !== undefined && s.template.spec.activeDeadlineSeconds !== null) {
    errs.push(fieldError.forbidden(`${path}.template.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** validateStatefulSet is ValidateStatefulSet. */
export function validateStatefulSet(sts: StatefulSet): FieldError[] {
  return [...validateObjectMeta(sts.metadata, true, nameIsDNSLabel), ...validateStatefulSetSpec(sts.spec, 'spec')];
}

// The spec fields an update may change; everything else is forbidden to change.
const mutableSpecFields = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

/** validateStatefulSetUpdate is ValidateStatefulSetUpdate (it does not revalidate the name). */
export function validateStatefulSetUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = [...validateObjectMetaUpdate(sts.metadata, old.metadata), ...validateStatefulSetSpec(sts.spec, 'spec')];
  const strip = (spec: StatefulSetSpec | undefined) => {
    const rest: Record<string, unknown> = { ...spec };
    for (const f of mutableSpecFields) delete rest[f];
    return rest;
  };
  if (!semanticDeepEqual(strip(sts.spec), strip(old.spec))) {
    errs.push(
      fieldError.forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

/** validateStatefulSetStatus is ValidateStatefulSetStatus. */
export function validateStatefulSetStatus(status: StatefulSetStatus | undefined, path: string): FieldError[] {
  const s = status ?? ({} as StatefulSetStatus);
  const n = (v: number | undefined) => v ?? 0;
  const errs = [
    ...validateNonnegativeField(n(s.replicas), `${path}.replicas`),
    ...validateNonnegativeField(n(s.readyReplicas), `${path}.readyReplicas`),
    ...validateNonnegativeField(n(s.currentReplicas), `${path}.currentReplicas`),
    ...validateNonnegativeField(n(s.updatedReplicas), `${path}.updatedReplicas`),
    ...validateNonnegativeField(n(s.availableReplicas), `${path}.availableReplicas`),
    ...validateOptionalNonnegative(s.observedGeneration, `${path}.observedGeneration`),
    ...validateOptionalNonnegative(s.collisionCount, `${path}.collisionCount`),
  ];
  const msg = 'cannot be greater than status.replicas';
  for (const f of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'] as const) {
    if (n(s[f]) > n(s.replicas)) errs.push(fieldError.invalid(`${path}.${f}`, n(s[f]), msg));
  }
  if (n(s.availableReplicas) > n(s.readyReplicas)) {
    errs.push(fieldError.invalid(`${path}.availableReplicas`, n(s.availableReplicas), 'cannot be greater than status.readyReplicas'));
  }
  return errs;
}

// MaxUnavailableStatefulSet is alpha (off) in v1.32: the field is dropped unless already in use.
function dropMaxUnavailable(sts: StatefulSet, old?: StatefulSet): void {
  if (old?.spec?.updateStrategy?.rollingUpdate?.maxUnavailable !== undefined) return;
  const ru = sts.spec?.updateStrategy?.rollingUpdate;
  if (ru) delete ru.maxUnavailable;
}

const asStatefulSet = (o: KubeObject) => o as unknown as StatefulSet;

/** statefulSetStrategy is the REST strategy of apps/v1 statefulsets. */
export const statefulSetStrategy: ResourceStrategy = {
  def: Resources.statefulsets,
  defaults: (obj) => setDefaultsStatefulSet(asStatefulSet(obj)),
  prepareForCreate(obj) {
    resetStatus(obj, { availableReplicas: 0, replicas: 0 });
    metaOf(obj).generation = 1;
    dropMaxUnavailable(asStatefulSet(obj));
  },
  prepareForUpdate(obj, old) {
    keepStatus(obj, old);
    dropMaxUnavailable(asStatefulSet(obj), asStatefulSet(old));
    bumpGenerationIf(obj, old, !semanticDeepEqual(obj.spec, old.spec));
  },
  validate: (obj) => validateStatefulSet(asStatefulSet(obj)),
  validateUpdate: (obj, old) => validateStatefulSetUpdate(asStatefulSet(obj), asStatefulSet(old)),
  status: {
    prepareForUpdate: keepSpec,
    validateUpdate(obj, old) {
      const sts = asStatefulSet(obj);
      return [
        ...validateStatefulSetStatus(sts.status, 'status'),
        ...validateObjectMetaUpdate(sts.metadata, old.metadata),
        ...validateCollisionCountUpdate(sts.status?.collisionCount, asStatefulSet(old).status?.collisionCount),
      ];
    },
  },
};
