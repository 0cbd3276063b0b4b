import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import { nameIsDNSSubdomain } from '../validation/names';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { metaOf } from './strategyHelpers';

// PriorityClass as pkg/apis/scheduling/v1/defaults.go, pkg/apis/scheduling/validation/validation.go
// and pkg/registry/scheduling/priorityclass/strategy.go of v1.32 define it.

/** HighestUserDefinablePriority is the largest value a non-system PriorityClass may have. */
export const HighestUserDefinablePriority = 1_000_000_000;
/** SystemPriorityClassPrefix marks the names reserved for the built-in classes. */
export const SystemPriorityClassPrefix = 'system-';
/** SystemPriorityClasses are the built-in classes the apiserver creates (scheduling.SystemPriorityClasses). */
export const SystemPriorityClasses = [
  { name: 'system-node-critical', value: 2_000_001_000, globalDefault: false, description: 'Used for system critical pods that must not be moved from their current node.' },
  { name: 'system-cluster-critical', value: 2_000_000_000, globalDefault: false, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
] as const;

/** setDefaultsPriorityClass is SetDefaults_PriorityClass. */
export function setDefaultsPriorityClass(pc: PriorityClass): void {
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
}

function knownSystemClassError(pc: PriorityClass): string | undefined {
  const known = SystemPriorityClasses.find((s) => s.name === pc.metadata?.name);
  if (!known) return `${pc.metadata?.name ?? ''} is not a known system priority class`;
  if (known.value !== pc.value) return `value of ${known.name} PriorityClass must be ${known.value}`;
  if (known.globalDefault !== (pc.globalDefault ?? false)) return `globalDefault of ${known.name} PriorityClass must be ${known.globalDefault}`;
  return undefined;
}

/** validatePriorityClass is ValidatePriorityClass. */
export function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  if ((pc.metadata?.name ?? '').startsWith(SystemPriorityClassPrefix)) {
    const err = knownSystemClassError(pc);
    if (err) {
      errs.push(fieldError.forbidden('metadata.name', `priority class names with '${SystemPriorityClassPrefix}' prefix are reserved for system use only. error: ${err}`));
    }
  } else if ((pc.value ?? 0) > HighestUserDefinablePriority) {
    errs.push(fieldError.forbidden('value', `maximum allowed value of a user defined priority is ${HighestUserDefinablePriority}`));
  }
  const policy = pc.preemptionPolicy;
  if (policy !== undefined) {
    if (policy === '') errs.push(fieldError.required('preemptionPolicy'));
    else if (policy !== 'PreemptLowerPriority' && policy !== 'Never') {
      errs.push(fieldError.notSupported('preemptionPolicy', policy, ['PreemptLowerPriority', 'Never']));
    }
  }
  return errs;
}

/** validatePriorityClassUpdate is ValidatePriorityClassUpdate: value and preemptionPolicy are fixed. */
export function validatePriorityClassUpdate(pc: PriorityClass, old: PriorityClass): FieldError[] {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata);
  if (pc.value !== old.value) errs.push(fieldError.forbidden('value', 'may not be changed in an update.'));
  if (pc.preemptionPolicy !== old.preemptionPolicy) {
    errs.push(fieldError.invalid('preemptionPolicy', pc.preemptionPolicy ?? null, FieldImmutableErrorMsg));
  }
  return errs;
}

const asPriorityClass = (o: KubeObject) => o as unknown as PriorityClass;

/** priorityClassStrategy is the REST strategy of scheduling.k8s.io/v1 priorityclasses. */
export const priorityClassStrategy: ResourceStrategy = {
  def: Resources.priorityclasses,
  defaults: (obj) => setDefaultsPriorityClass(asPriorityClass(obj)),
  prepareForCreate(obj) {
    metaOf(obj).generation = 1;
  },
  validate: (obj) => validatePriorityClass(asPriorityClass(obj)),
  validateUpdate: (obj, old) => validatePriorityClassUpdate(asPriorityClass(obj), asPriorityClass(old)),
};
