import type { Deployment, DeploymentSpec, DeploymentStatus, DeploymentStrategy } from 'kubernetes-types/apps/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import { nameIsDNSSubdomain } from '../validation/names';
import {
  FieldImmutableErrorMsg,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation/objectMeta';
import {
  getIntOrPercentValue,
  isNotMoreThan100Percent,
  labelSelectorAsSelector,
  validateCollisionCountUpdate,
  validateControllerSelector,
  validateOptionalNonnegative,
  validatePodTemplateSpecForReplicaSet,
  validatePositiveIntOrPercent,
} from './appsValidation';
import { goIntOrString, goLabelSelector, goPointer, goQuote } from './goValue';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf, resetStatus, semanticDeepEqual } from './strategyHelpers';

// Deployment as pkg/apis/apps/v1/defaults.go, pkg/apis/apps/validation/validation.go and
// pkg/registry/apps/deployment/strategy.go of v1.32 define it.

/** setDefaultsDeployment is SetDefaults_Deployment plus the pod template's defaults. */
export function setDefaultsDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as DeploymentSpec);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.template ??= {};
  setDefaultsPodTemplateSpec(spec.template);
}

function validateRollingUpdateDeployment(ru: NonNullable<DeploymentStrategy['rollingUpdate']>, path: string): FieldError[] {
  // The internal type holds non-pointer IntOrStrings: an unset one is the int 0.
  const maxUnavailable = ru.maxUnavailable ?? 0;
  const maxSurge = ru.maxSurge ?? 0;
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(maxSurge, `${path}.maxSurge`),
  ];
  if (getIntOrPercentValue(maxUnavailable) === 0 && getIntOrPercentValue(maxSurge) === 0) {
    errs.push(fieldError.invalid(`${path}.maxUnavailable`, goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(maxUnavailable, `${path}.maxUnavailable`));
  return errs;
}

/** validateDeploymentStrategy is ValidateDeploymentStrategy. */
export function validateDeploymentStrategy(s: DeploymentStrategy | undefined, path: string): FieldError[] {
  const strategy = s ?? {};
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate
        ? [fieldError.forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case 'RollingUpdate':
      if (!strategy.rollingUpdate) return [fieldError.required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
      return validateRollingUpdateDeployment(strategy.rollingUpdate, `${path}.rollingUpdate`);
    default: {
      const text = `apps.DeploymentStrategy{Type:${goQuote(strategy.type ?? '')}, RollingUpdate:${goPointer('apps.RollingUpdateDeployment', strategy.rollingUpdate)}}`;
      return [fieldError.notSupported(path, new GoValue(text), ['Recreate', 'RollingUpdate'])];
    }
  }
}

/** validateDeploymentSpec is ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec: DeploymentSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as DeploymentSpec);
  const errs = validateNonnegativeField(s.replicas ?? 0, `${path}.replicas`);
  errs.push(...validateControllerSelector(s.selector, `${path}.selector`, 'deployment'));
  const selector = labelSelectorAsSelector(s.selector);
  if (!selector) errs.push(fieldError.invalid(`${path}.selector`, goLabelSelector(s.selector), 'invalid label selector'));
  else errs.push(...validatePodTemplateSpecForReplicaSet(s.template, selector, `${path}.template`));
  errs.push(...validateDeploymentStrategy(s.strategy, `${path}.strategy`));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, `${path}.minReadySeconds`));
  errs.push(...validateOptionalNonnegative(s.revisionHistoryLimit, `${path}.revisionHistoryLimit`));
  if (s.progressDeadlineSeconds !== undefined && s.progressDeadlineSeconds !== null) {
    errs.push(...validateNonnegativeField(s.progressDeadlineSeconds, `${path}.progressDeadlineSeconds`));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(fieldError.invalid(`${path}.progressDeadlineSeconds`, s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** validateDeployment is ValidateDeployment. */
export function validateDeployment(d: Deployment): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(d.spec, 'spec')];
}

/** validateDeploymentUpdate is ValidateDeploymentUpdate plus the apps/v1 selector immutability of the strategy. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = [...validateObjectMetaUpdate(d.metadata, old.metadata), ...validateDeploymentSpec(d.spec, 'spec')];
  if (!semanticDeepEqual(d.spec?.selector, old.spec?.selector)) {
    errs.push(fieldError.invalid('spec.selector', goLabelSelector(d.spec?.selector), FieldImmutableErrorMsg));
  }
  return errs;
}

/** validateDeploymentStatus is ValidateDeploymentStatus. */
export function validateDeploymentStatus(status: DeploymentStatus | undefined, path: string): FieldError[] {
  const s = status ?? {};
  const n = (v: number | undefined) => v ?? 0;
  const errs = [
    ...validateNonnegativeField(n(s.observedGeneration), `${path}.observedGeneration`),
    ...validateNonnegativeField(n(s.replicas), `${path}.replicas`),
    ...validateNonnegativeField(n(s.updatedReplicas), `${path}.updatedReplicas`),
    ...validateNonnegativeField(n(s.readyReplicas), `${path}.readyReplicas`),
    ...validateNonnegativeField(n(s.availableReplicas), `${path}.availableReplicas`),
    ...validateNonnegativeField(n(s.unavailableReplicas), `${path}.unavailableReplicas`),
    ...validateOptionalNonnegative(s.collisionCount, `${path}.collisionCount`),
  ];
  const msg = 'cannot be greater than status.replicas';
  if (n(s.updatedReplicas) > n(s.replicas)) errs.push(fieldError.invalid(`${path}.updatedReplicas`, n(s.updatedReplicas), msg));
  if (n(s.readyReplicas) > n(s.replicas)) errs.push(fieldError.invalid(`${path}.readyReplicas`, n(s.readyReplicas), msg));
  if (n(s.availableReplicas) > n(s.replicas)) errs.push(fieldError.invalid(`${path}.availableReplicas`, n(s.availableReplicas), msg));
  if (n(s.availableReplicas) > n(s.readyReplicas)) {
    errs.push(fieldError.invalid(`${path}.availableReplicas`, n(s.availableReplicas), 'cannot be greater than readyReplicas'));
  }
  return errs;
}

const asDeployment = (o: KubeObject) => o as unknown as Deployment;

/** deploymentStrategy is the REST strategy of apps/v1 deployments. */
export const deploymentStrategy: ResourceStrategy = {
  def: Resources.deployments,
  defaults: (obj) => setDefaultsDeployment(asDeployment(obj)),
  prepareForCreate(obj) {
    resetStatus(obj, {});
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatus(obj, old);
    // Annotations bump the generation too: the controller copies them to the ReplicaSets.
    const changed =
      !semanticDeepEqual(obj.spec, old.spec) || !semanticDeepEqual(obj.metadata?.annotations, old.metadata.annotations);
    bumpGenerationIf(obj, old, changed);
  },
  validate: (obj) => validateDeployment(asDeployment(obj)),
  validateUpdate: (obj, old) => validateDeploymentUpdate(asDeployment(obj), asDeployment(old)),
  status: {
    prepareForUpdate(obj: KubeObject, old: StoredObject) {
      keepSpec(obj, old);
      const labels = old.metadata.labels;
      if (labels === undefined) delete metaOf(obj).labels;
      else metaOf(obj).labels = labels;
    },
    validateUpdate(obj, old) {
      const d = asDeployment(obj);
      return [
        ...validateObjectMetaUpdate(d.metadata, old.metadata),
        ...validateDeploymentStatus(d.status, 'status'),
        ...validateCollisionCountUpdate(d.status?.collisionCount, asDeployment(old).status?.collisionCount),
      ];
    },
  },
};
