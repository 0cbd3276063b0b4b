import type { DaemonSet, DaemonSetSpec, DaemonSetStatus, DaemonSetUpdateStrategy } from 'kubernetes-types/apps/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import { validateLabelSelector } from '../validation/labelSelector';
import { nameIsDNSSubdomain } from '../validation/names';
import {
  FieldImmutableErrorMsg,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation/objectMeta';
import { validatePodTemplateSpec } from '../validation/podSpec';
import {
  getIntOrPercentValue,
  isNotMoreThan100Percent,
  labelSelectorAsSelector,
  restartPolicyAlways,
  templateLabelsMismatch,
  validateCollisionCountUpdate,
  validateOptionalNonnegative,
  validatePositiveIntOrPercent,
} from './appsValidation';
import { goIntOrString, goLabelSelector, goPointer, goQuote } from './goValue';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf, resetStatus, semanticDeepEqual } from './strategyHelpers';

// DaemonSet as pkg/apis/apps/v1/defaults.go, pkg/apis/apps/validation/validation.go and
// pkg/registry/apps/daemonset/strategy.go of v1.32 define it.

/**
 * DeprecatedTemplateGeneration is the annotation apps/v1 carries the internal
 * spec.templateGeneration in (appsv1.DeprecatedTemplateGeneration).
 */
export const DeprecatedTemplateGeneration = 'deprecated.daemonset.template.generation';

/** setDefaultsDaemonSet is SetDefaults_DaemonSet plus the pod template's defaults. */
export function setDefaultsDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= {} as DaemonSetSpec);
  const us = (spec.updateStrategy ??= {});
  us.type ||= 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = (us.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.template ??= {};
  setDefaultsPodTemplateSpec(spec.template);
}

/** validateDaemonSetUpdateStrategy is ValidateDaemonSetUpdateStrategy with ValidateRollingUpdateDaemonSet. */
export function validateDaemonSetUpdateStrategy(s: DaemonSetUpdateStrategy | undefined, path: string): FieldError[] {
  const strategy = s ?? {};
  switch (strategy.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate;
      if (!ru) return [fieldError.required(`${path}.rollingUpdate`)];
      const p = `${path}.rollingUpdate`;
      const maxUnavailable = ru.maxUnavailable ?? 0;
      const maxSurge = ru.maxSurge ?? 0;
      const errs = [
        ...validatePositiveIntOrPercent(maxUnavailable, `${p}.maxUnavailable`),
        ...validatePositiveIntOrPercent(maxSurge, `${p}.maxSurge`),
        ...isNotMoreThan100Percent(maxUnavailable, `${p}.maxUnavailable`),
        ...isNotMoreThan100Percent(maxSurge, `${p}.maxSurge`),
      ];
      const hasUnavailable = getIntOrPercentValue(maxUnavailable) !== 0;
      const hasSurge = getIntOrPercentValue(maxSurge) !== 0;
      if (hasUnavailable && hasSurge) {
        errs.push(fieldError.invalid(`${p}.maxSurge`, goIntOrString(maxSurge), 'may not be set when maxUnavailable is non-zero'));
      } else if (!hasUnavailable && !hasSurge) {
        errs.push(fieldError.required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
      }
      return errs;
    }
    default: {
      const text = `apps.DaemonSetUpdateStrategy{Type:${goQuote(strategy.type ?? '')}, RollingUpdate:${goPointer('apps.RollingUpdateDaemonSet', strategy.rollingUpdate)}}`;
      return [fieldError.notSupported(path, new GoValue(text), ['RollingUpdate', 'OnDelete'])];
    }
  }
}

/** validateDaemonSetSpec is ValidateDaemonSetSpec; unlike other workloads a nil selector is not "Required". */
export function validateDaemonSetSpec(spec: DaemonSetSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as DaemonSetSpec);
  const errs = validateLabelSelector(s.selector, `${path}.selector`);
  const selector = labelSelectorAsSelector(s.selector);
  if (selector) errs.push(...templateLabelsMismatch(selector, s.template, `${path}.template`));
  if (s.selector && Object.keys(s.selector.matchLabels ?? {}).length + (s.selector.matchExpressions?.length ?? 0) === 0) {
    errs.push(fieldError.invalid(`${path}.selector`, goLabelSelector(s.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(s.template, `${path}.template`));
  errs.push(...restartPolicyAlways(s.template, `${path}.template.spec`));
  if (s.template?.spec?.activeDeadlineSeconds !== undefined && s.template.spec.activeDeadlineSeconds !== null) {
    errs.push(fieldError.forbidden(`${path}.template.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, `${path}.minReadySeconds`));
  errs.push(...validateDaemonSetUpdateStrategy(s.updateStrategy, `${path}.updateStrategy`));
  errs.push(...validateOptionalNonnegative(s.revisionHistoryLimit, `${path}.revisionHistoryLimit`));
  return errs;
}

/** validateDaemonSet is ValidateDaemonSet. */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  return [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(ds.spec, 'spec')];
}

/** validateDaemonSetStatus is validateDaemonSetStatus. */
export function validateDaemonSetStatus(status: DaemonSetStatus | undefined, path: string): FieldError[] {
  const s = status ?? ({} as DaemonSetStatus);
  const fields = [
    'currentNumberScheduled',
    'numberMisscheduled',
    'desiredNumberScheduled',
    'numberReady',
    'observedGeneration',
    'updatedNumberScheduled',
    'numberAvailable',
    'numberUnavailable',
  ] as const;
  const errs = fields.flatMap((f) => validateNonnegativeField(s[f] ?? 0, `${path}.${f}`));
  errs.push(...validateOptionalNonnegative(s.collisionCount, `${path}.collisionCount`));
  return errs;
}

function templateGeneration(obj: { metadata?: { annotations?: Record<string, string> } }): number {
  const v = Number(obj.metadata?.annotations?.[DeprecatedTemplateGeneration] ?? '0');
  return Number.isInteger(v) ? v : 0;
}

function setTemplateGeneration(obj: KubeObject, gen: number): void {
  const meta = metaOf(obj);
  meta.annotations = { ...meta.annotations, [DeprecatedTemplateGeneration]: String(gen) };
}

const asDaemonSet = (o: KubeObject) => o as unknown as DaemonSet;

/** daemonSetStrategy is the REST strategy of apps/v1 daemonsets. */
export const daemonSetStrategy: ResourceStrategy = {
  def: Resources.daemonsets,
  defaults: (obj) => setDefaultsDaemonSet(asDaemonSet(obj)),
  prepareForCreate(obj) {
    resetStatus(obj, { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
    metaOf(obj).generation = 1;
    setTemplateGeneration(obj, Math.max(1, templateGeneration(asDaemonSet(obj))));
  },
  prepareForUpdate(obj: KubeObject, old: StoredObject) {
    keepStatus(obj, old);
    // templateGeneration counts template changes only; spec changes count in generation.
    const oldGen = templateGeneration(asDaemonSet(old));
    const templateChanged = !semanticDeepEqual(asDaemonSet(obj).spec?.template, asDaemonSet(old).spec?.template);
    setTemplateGeneration(obj, templateChanged ? oldGen + 1 : oldGen);
    bumpGenerationIf(obj, old, templateChanged || !semanticDeepEqual(obj.spec, old.spec));
  },
  validate: (obj) => validateDaemonSet(asDaemonSet(obj)),
  validateUpdate(obj, old) {
    const ds = asDaemonSet(obj);
    const errs = [
      ...validateDaemonSet(ds),
      ...validateObjectMetaUpdate(ds.metadata, old.metadata),
      ...validateDaemonSetSpec(ds.spec, 'spec'),
    ];
    const oldSelector = asDaemonSet(old).spec?.selector;
    if (!semanticDeepEqual(ds.spec?.selector, oldSelector)) {
      errs.push(fieldError.invalid('spec.selector', goLabelSelector(ds.spec?.selector), FieldImmutableErrorMsg));
    }
    return errs;
  },
  status: {
    prepareForUpdate(obj, old) {
      keepSpec(obj, old);
      // The annotation is spec.templateGeneration in disguise: a status write cannot change it either.
      setTemplateGeneration(obj, templateGeneration(asDaemonSet(old)));
    },
    validateUpdate(obj, old) {
      const ds = asDaemonSet(obj);
      return [
        ...validateObjectMetaUpdate(ds.metadata, old.metadata),
        ...validateDaemonSetStatus(ds.status, 'status'),
        ...validateCollisionCountUpdate(ds.status?.collisionCount, asDaemonSet(old).status?.collisionCount),
      ];
    },
  },
};
