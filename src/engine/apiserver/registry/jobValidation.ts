import type { JobSpec, PodFailurePolicyRule, SuccessPolicyRule } from 'kubernetes-types/batch/v1';
import { fieldError, GoValue, omitValue, type FieldError } from '../fieldErrors';
import { isQualifiedName } from '../validation/names';
import { validateNonnegativeField } from '../validation/objectMeta';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { isDomainPrefixedPath } from './domainPrefixedPath';
import { goStruct } from './goValue';

// JobSpec validation shared by Jobs and CronJob job templates, from
// pkg/apis/batch/validation/validation.go (v1.32).

const maxParallelismForIndexedJob = 100_000;
const maxFailedIndexesForIndexedJob = 100_000;
const completionsSoftLimit = 100_000;
const parallelismLimitForHighCompletions = 10_000;
const maxFailedIndexesLimitForHighCompletions = 10_000;
const maxPodFailurePolicyRules = 20;
const maxPodFailurePolicyOnExitCodesValues = 255;
const maxPodFailurePolicyOnPodConditionsPatterns = 20;
const maxManagedByLength = 63;
const maxJobSuccessPolicySucceededIndexesLimit = 64 * 1024;
const maxSuccessPolicyRule = 20;

const podFailurePolicyActions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const onExitCodesOperators = ['In', 'NotIn'];
const conditionStatuses = ['False', 'True', 'Unknown'];

// Go's %q of a []string, as in `valid values: ["Count" "FailJob"]`.
const quotedList = (l: string[]) => `[${l.map((s) => JSON.stringify(s)).join(' ')}]`;

const int32Slice = (vals: number[] | undefined) =>
  new GoValue(vals === undefined ? '[]int32(nil)' : `[]int32{${vals.join(', ')}}`);

function validatePodFailurePolicyRule(spec: JobSpec, rule: PodFailurePolicyRule, path: string, containers: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const action = rule.action ?? '';
  if (action === '') errs.push(fieldError.required(`${path}.action`, `valid values: ${quotedList(podFailurePolicyActions)}`));
  else if (action === 'FailIndex') {
    if (spec.backoffLimitPerIndex === undefined) {
      errs.push(fieldError.invalid(`${path}.action`, action, 'requires the backoffLimitPerIndex to be set'));
    }
  } else if (!podFailurePolicyActions.includes(action)) {
    errs.push(fieldError.notSupported(`${path}.action`, action, podFailurePolicyActions));
  }
  const onExit = rule.onExitCodes;
  if (onExit) {
    const p = `${path}.onExitCodes`;
    const op = onExit.operator ?? '';
    if (op === '') errs.push(fieldError.required(`${p}.operator`, `valid values: ${quotedList(onExitCodesOperators)}`));
    else if (!onExitCodesOperators.includes(op)) errs.push(fieldError.notSupported(`${p}.operator`, op, onExitCodesOperators));
    if (onExit.containerName !== undefined && !containers.has(onExit.containerName)) {
      errs.push(
        fieldError.invalid(`${p}.containerName`, onExit.containerName, 'must be one of the container or initContainer names in the pod template'),
      );
    }
    const values = onExit.values ?? [];
    if (values.length === 0) errs.push(fieldError.invalid(`${p}.values`, int32Slice(onExit.values), 'at least one value is required'));
    else if (values.length > maxPodFailurePolicyOnExitCodesValues) {
      errs.push(fieldError.tooMany(`${p}.values`, values.length, maxPodFailurePolicyOnExitCodesValues));
    }
    const seen = new Set<number>();
    let ordered = true;
    values.forEach((v, j) => {
      if (op === 'In' && v === 0) errs.push(fieldError.invalid(`${p}.values[${j}]`, v, 'must not be 0 for the In operator'));
      if (seen.has(v)) errs.push(fieldError.duplicate(`${p}.values[${j}]`, v));
      else seen.add(v);
      if (j > 0 && values[j - 1] > v) ordered = false;
    });
    if (!ordered) errs.push(fieldError.invalid(`${p}.values`, int32Slice(values), 'must be ordered'));
  }
  const patterns = rule.onPodConditions ?? [];
  if (patterns.length > 0) {
    const p = `${path}.onPodConditions`;
    if (patterns.length > maxPodFailurePolicyOnPodConditionsPatterns) {
      errs.push(fieldError.tooMany(p, patterns.length, maxPodFailurePolicyOnPodConditionsPatterns));
    }
    patterns.forEach((pat, j) => {
      for (const msg of isQualifiedName(pat.type ?? '')) errs.push(fieldError.invalid(`${p}[${j}].type`, pat.type ?? '', msg));
      const status = pat.status ?? '';
      if (status === '') errs.push(fieldError.required(`${p}[${j}].status`, `valid values: ${quotedList(conditionStatuses)}`));
      else if (!conditionStatuses.includes(status)) errs.push(fieldError.notSupported(`${p}[${j}].status`, status, conditionStatuses));
    });
  }
  if (onExit && patterns.length > 0) {
    errs.push(fieldError.invalid(path, omitValue, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  }
  if (!onExit && patterns.length === 0) {
    errs.push(fieldError.invalid(path, omitValue, 'specifying one of OnExitCodes and OnPodConditions is required'));
  }
  return errs;
}

/**
 * parseIndexes is validateIndexesFormat: the number of indexes in "1,3-5" or an error text.
 */
export function parseIndexes(s: string, completions: number): { total: number } | { error: string } {
  if (s.length === 0) return { total: 0 };
  let last: number | undefined;
  let total = 0;
  const atoi = (x: string) => (/^[+-]?\d+$/.test(x) ? Number(x) : undefined);
  for (const interval of s.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) {
      return { error: `the fragment "${interval}" violates the requirement that an index interval can have at most two parts separated by '-'` };
    }
    const x = atoi(limits[0]);
    if (x === undefined) return { error: `cannot convert string to integer for index: "${limits[0]}"` };
    if (x >= completions) return { error: `too large index: "${limits[0]}"` };
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}` };
    total++;
    last = x;
    if (limits.length > 1) {
      const y = atoi(limits[1]);
      if (y === undefined) return { error: `cannot convert string to integer for index: "${limits[1]}"` };
      if (y >= completions) return { error: `too large index: "${limits[1]}"` };
      if (last >= y) return { error: `non-increasing order, previous: ${last}, current: ${y}` };
      total += y - x;
      last = y;
    }
  }
  return { total };
}

function validateSuccessPolicyRule(spec: JobSpec, rule: SuccessPolicyRule, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const completions = spec.completions ?? 0;
  if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
    errs.push(fieldError.required(path, 'at least one of succeededCount or succeededIndexes must be specified'));
  }
  let totalIndexes = 0;
  if (rule.succeededIndexes !== undefined) {
    const p = `${path}.succeededIndexes`;
    if (rule.succeededIndexes.length > maxJobSuccessPolicySucceededIndexesLimit) {
      errs.push(fieldError.tooLong(p, rule.succeededIndexes, maxJobSuccessPolicySucceededIndexesLimit));
    }
    const parsed = parseIndexes(rule.succeededIndexes, completions);
    if ('error' in parsed) errs.push(fieldError.invalid(p, rule.succeededIndexes, `error parsing succeededIndexes: ${parsed.error}`));
    else totalIndexes = parsed.total;
  }
  if (rule.succeededCount !== undefined) {
    const p = `${path}.succeededCount`;
    errs.push(...validateNonnegativeField(rule.succeededCount, p));
    if (rule.succeededCount > completions) {
      errs.push(fieldError.invalid(p, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
    }
    if (rule.succeededIndexes !== undefined && rule.succeededCount > totalIndexes) {
      errs.push(
        fieldError.invalid(p, rule.succeededCount, `must be less than or equal to ${totalIndexes} (the number of indexes in the specified succeededIndexes field)`),
      );
    }
  }
  return errs;
}

function validateCompletionMode(s: JobSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mode = s.completionMode;
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') {
      errs.push(fieldError.notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
    }
    if (mode === 'Indexed') {
      if (s.completions === undefined) errs.push(fieldError.required(`${path}.completions`, 'when completion mode is Indexed'));
      if (s.parallelism !== undefined && s.parallelism > maxParallelismForIndexedJob) {
        errs.push(fieldError.invalid(`${path}.parallelism`, s.parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
      }
      if (s.completions !== undefined && s.maxFailedIndexes !== undefined && s.maxFailedIndexes > s.completions) {
        errs.push(fieldError.invalid(`${path}.maxFailedIndexes`, s.maxFailedIndexes, 'must be less than or equal to completions'));
      }
      if (s.maxFailedIndexes !== undefined && s.maxFailedIndexes > maxFailedIndexesForIndexedJob) {
        errs.push(fieldError.invalid(`${path}.maxFailedIndexes`, s.maxFailedIndexes, `must be less than or equal to ${maxFailedIndexesForIndexedJob}`));
      }
      if (s.completions !== undefined && s.completions > completionsSoftLimit && s.backoffLimitPerIndex !== undefined) {
        const high = `when completions are above ${completionsSoftLimit} and used with backoff limit per index`;
        if (s.maxFailedIndexes === undefined) {
          errs.push(fieldError.required(`${path}.maxFailedIndexes`, `must be specified when completions is above ${completionsSoftLimit}`));
        }
        if (s.parallelism !== undefined && s.parallelism > parallelismLimitForHighCompletions) {
          errs.push(fieldError.invalid(`${path}.parallelism`, s.parallelism, `must be less than or equal to ${parallelismLimitForHighCompletions} ${high}`));
        }
        if (s.maxFailedIndexes !== undefined && s.maxFailedIndexes > maxFailedIndexesLimitForHighCompletions) {
          errs.push(
            fieldError.invalid(`${path}.maxFailedIndexes`, s.maxFailedIndexes, `must be less than or equal to ${maxFailedIndexesLimitForHighCompletions} ${high}`),
          );
        }
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (s.backoffLimitPerIndex !== undefined) {
      errs.push(fieldError.invalid(`${path}.backoffLimitPerIndex`, s.backoffLimitPerIndex, 'requires indexed completion mode'));
    }
    if (s.maxFailedIndexes !== undefined) {
      errs.push(fieldError.invalid(`${path}.maxFailedIndexes`, s.maxFailedIndexes, 'requires indexed completion mode'));
    }
  }
  return errs;
}

/** validateJobSpecFields is validateJobSpec: everything but the selector, shared with job templates. */
export function validateJobSpecFields(spec: JobSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as JobSpec);
  const errs: FieldError[] = [];
  const nonneg = (v: number | undefined, f: string) => {
    if (v !== undefined && v !== null) errs.push(...validateNonnegativeField(v, `${path}.${f}`));
  };
  nonneg(s.parallelism, 'parallelism');
  nonneg(s.completions, 'completions');
  nonneg(s.activeDeadlineSeconds, 'activeDeadlineSeconds');
  nonneg(s.backoffLimit, 'backoffLimit');
  nonneg(s.ttlSecondsAfterFinished, 'ttlSecondsAfterFinished');
  nonneg(s.backoffLimitPerIndex, 'backoffLimitPerIndex');
  if (s.maxFailedIndexes !== undefined) {
    nonneg(s.maxFailedIndexes, 'maxFailedIndexes');
    if (s.backoffLimitPerIndex === undefined) {
      errs.push(fieldError.required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
    }
  }
  if (s.managedBy !== undefined) {
    errs.push(...isDomainPrefixedPath(`${path}.managedBy`, s.managedBy));
    if (s.managedBy.length > maxManagedByLength) errs.push(fieldError.tooLong(`${path}.managedBy`, s.managedBy, maxManagedByLength));
  }
  errs.push(...validateCompletionMode(s, path));
  const pfp = s.podFailurePolicy;
  if (pfp) {
    const rules = pfp.rules ?? [];
    const p = `${path}.podFailurePolicy.rules`;
    if (rules.length > maxPodFailurePolicyRules) errs.push(fieldError.tooMany(p, rules.length, maxPodFailurePolicyRules));
    const podSpec = s.template?.spec;
    const containers = new Set([...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])].map((c) => c.name));
    rules.forEach((r, i) => errs.push(...validatePodFailurePolicyRule(s, r, `${p}[${i}]`, containers)));
  }
  if (s.successPolicy) {
    if ((s.completionMode ?? 'NonIndexed') !== 'Indexed') {
      errs.push(fieldError.invalid(`${path}.successPolicy`, goStruct('batch.SuccessPolicy', s.successPolicy), 'requires indexed completion mode'));
    } else {
      const rules = s.successPolicy.rules ?? [];
      const p = `${path}.successPolicy.rules`;
      if (rules.length === 0) errs.push(fieldError.required(p, 'at least one rules must be specified when the successPolicy is specified'));
      if (rules.length > maxSuccessPolicyRule) errs.push(fieldError.tooMany(p, rules.length, maxSuccessPolicyRule));
      rules.forEach((r, i) => errs.push(...validateSuccessPolicyRule(s, r, `${p}[${i}]`)));
    }
  }
  const prp = s.podReplacementPolicy;
  if (prp !== undefined) {
    if (pfp) {
      if (prp !== 'Failed') errs.push(fieldError.notSupported(`${path}.podReplacementPolicy`, prp, ['Failed']));
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed') {
      errs.push(fieldError.notSupported(`${path}.podReplacementPolicy`, prp, ['Failed', 'TerminatingOrFailed']));
    }
  }
  errs.push(...validatePodTemplateSpec(s.template, `${path}.template`));
  // An unset restartPolicy was defaulted to Always, so both mean "not chosen" here.
  const rp = s.template?.spec?.restartPolicy ?? '';
  const rpPath = `${path}.template.spec.restartPolicy`;
  if (rp === 'Always' || rp === '') errs.push(fieldError.required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(fieldError.notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (pfp && rp !== 'Never') errs.push(fieldError.invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}
