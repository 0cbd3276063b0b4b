import type {
  Affinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinityTerm,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from './names';
import { validateLabelName, validateLabelSelector } from './labelSelector';

// Scheduling constraints of a PodSpec (pkg/apis/core/validation/validation.go, v1.32): affinity,
// tolerations and topology spread constraints.

/** TaintEffects lists the supported taint effects in the order upstream reports them. */
export const TaintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateTaintEffect checks a taint or toleration effect. */
export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && !effect) return [fieldError.required(path)];
  return TaintEffects.includes(effect ?? '') ? [] : [fieldError.notSupported(path, effect ?? '', TaintEffects)];
}

/** validateTolerations is ValidateTolerations. */
export function validateTolerations(tolerations: Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (t.key) errs.push(...validateLabelName(t.key, `${p}.key`));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(fieldError.invalid(`${p}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(fieldError.invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(fieldError.invalid(`${p}.operator`, t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(fieldError.invalid(`${p}.operator`, t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fieldError.notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.effect) errs.push(...validateTaintEffect(t.effect, true, `${p}.effect`));
  });
  return errs;
}

/** validateAffinity checks node, pod and pod anti-affinity. */
export function validateAffinity(a: Affinity | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!a) return errs;
  const na = a.nodeAffinity;
  if (na) {
    const p = `${path}.nodeAffinity`;
    if (na.requiredDuringSchedulingIgnoredDuringExecution) {
      errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, `${p}.requiredDuringSchedulingIgnoredDuringExecution`));
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const tp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (t.weight <= 0 || t.weight > 100) errs.push(fieldError.invalid(`${tp}.weight`, t.weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t.preference, `${tp}.preference`));
    });
  }
  for (const key of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = a[key];
    if (!pa) continue;
    const p = `${path}.${key}`;
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, `${p}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
    });
    (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: WeightedPodAffinityTerm, i) => {
      const tp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (t.weight <= 0 || t.weight > 100) errs.push(fieldError.invalid(`${tp}.weight`, t.weight, 'must be in the range 1-100'));
      errs.push(...validatePodAffinityTerm(t.podAffinityTerm, `${tp}.podAffinityTerm`));
    });
  }
  return errs;
}

/** validateNodeSelector checks a required node affinity: at least one term, each well formed. */
export function validateNodeSelector(ns: NodeSelector, path: string): FieldError[] {
  const p = `${path}.nodeSelectorTerms`;
  if (!ns.nodeSelectorTerms?.length) return [fieldError.required(p, 'must have at least one node selector term')];
  return ns.nodeSelectorTerms.flatMap((t, i) => validateNodeSelectorTerm(t, `${p}[${i}]`));
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, i) => errs.push(...validateNodeSelectorRequirement(r, `${path}.matchExpressions[${i}]`)));
  (term.matchFields ?? []).forEach((r, i) => errs.push(...validateNodeFieldSelectorRequirement(r, `${path}.matchFields[${i}]`)));
  return errs;
}

/** validateNodeSelectorRequirement is ValidateNodeSelectorRequirement. */
export function validateNodeSelectorRequirement(r: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const n = r.values?.length ?? 0;
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (n === 0) errs.push(fieldError.required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (n > 0) errs.push(fieldError.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (n !== 1) errs.push(fieldError.required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fieldError.invalid(`${path}.operator`, r.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(r.key ?? '', `${path}.key`));
  return errs;
}

function validateNodeFieldSelectorRequirement(r: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (r.operator === 'In' || r.operator === 'NotIn') {
    if (r.values?.length !== 1) {
      errs.push(fieldError.required(`${path}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(fieldError.invalid(`${path}.operator`, r.operator ?? '', 'not a valid selector operator'));
  }
  if (r.key !== 'metadata.name') errs.push(fieldError.invalid(`${path}.key`, r.key ?? '', 'not a valid field selector key'));
  else (r.values ?? []).forEach((v, i) => errs.push(...isDNS1123Subdomain(v).map((m) => fieldError.invalid(`${path}.values[${i}]`, v, m))));
  return errs;
}

function validatePodAffinityTerm(t: PodAffinityTerm, path: string): FieldError[] {
  const errs = [
    ...validateLabelSelector(t.labelSelector, `${path}.labelSelector`),
    ...validateLabelSelector(t.namespaceSelector, `${path}.namespaceSelector`),
  ];
  for (const ns of t.namespaces ?? []) errs.push(...isDNS1123Label(ns).map((m) => fieldError.invalid(`${path}.namespace`, ns, m)));
  errs.push(...validateMatchLabelKeys(path, t.matchLabelKeys, t.mismatchLabelKeys, t.labelSelector));
  if (!t.topologyKey) errs.push(fieldError.required(`${path}.topologyKey`, 'can not be empty'));
  errs.push(...validateLabelName(t.topologyKey ?? '', `${path}.topologyKey`));
  return errs;
}

function validateMatchLabelKeys(path: string, match: string[] | undefined, mismatch: string[] | undefined, sel: LabelSelector | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const [key, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    if (!keys?.length) continue;
    if (!sel) errs.push(fieldError.forbidden(`${path}.${key}`, 'must not be specified when labelSelector is not set'));
    else keys.forEach((k, i) => errs.push(...validateLabelName(k, `${path}.${key}[${i}]`)));
  }
  const mismatchSet = new Set(mismatch ?? []);
  (match ?? []).forEach((k, i) => {
    if (mismatchSet.has(k)) errs.push(fieldError.invalid(`${path}.matchLabelKeys[${i}]`, k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return errs;
}

const scheduleActions = ['DoNotSchedule', 'ScheduleAnyway'];
const nodeInclusionPolicies = ['Honor', 'Ignore'];

/** validateTopologySpreadConstraints is validateTopologySpreadConstraints. */
export function validateTopologySpreadConstraints(cs: TopologySpreadConstraint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = cs ?? [];
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (c.maxSkew <= 0) errs.push(fieldError.invalid(`${p}.maxSkew`, c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(fieldError.required(`${p}.topologyKey`, 'can not be empty'));
    if (!scheduleActions.includes(c.whenUnsatisfiable)) errs.push(fieldError.notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', scheduleActions));
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(fieldError.duplicate(`${p}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(fieldError.invalid(`${p}.minDomains`, c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(fieldError.invalid(`${p}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
      }
    }
    for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[key];
      if (v !== undefined && !nodeInclusionPolicies.includes(v)) errs.push(fieldError.notSupported(`${p}.${key}`, v, nodeInclusionPolicies));
    }
    if (c.matchLabelKeys?.length) {
      const sel = c.labelSelector;
      if (!sel) errs.push(fieldError.forbidden(`${p}.matchLabelKeys`, 'must not be specified when labelSelector is not set'));
      const selKeys = new Set([...Object.keys(sel?.matchLabels ?? {}), ...(sel?.matchExpressions ?? []).map((e) => e.key)]);
      c.matchLabelKeys.forEach((k, j) => {
        errs.push(...validateLabelName(k, `${p}.matchLabelKeys[${j}]`));
        if (selKeys.has(k)) errs.push(fieldError.invalid(`${p}.matchLabelKeys[${j}]`, k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    errs.push(...validateLabelSelector(c.labelSelector, `${p}.labelSelector`));
  });
  return errs;
}
