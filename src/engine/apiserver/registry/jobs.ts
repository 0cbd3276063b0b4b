import type { Job, JobSpec, JobStatus } from 'kubernetes-types/batch/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { matches } from '../../api/labels';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';
import { fieldError, type FieldError } from '../fieldErrors';
import { validateLabelSelector } from '../validation/labelSelector';
import { isDNS1123Label, nameIsDNSSubdomain } from '../validation/names';
import {
  FieldImmutableErrorMsg,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation/objectMeta';
import { labelSelectorAsSelector, SelectorMismatchMsg } from './appsValidation';
import { goLabelSelector, goStringMap, goStruct } from './goValue';
import { validateJobSpecFields } from './jobValidation';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf, resetStatus, semanticDeepEqual } from './strategyHelpers';

// Job as pkg/apis/batch/v1/defaults.go, pkg/apis/batch/validation/validation.go and
// pkg/registry/batch/job/strategy.go of v1.32 define it.

/** The labels a generated Job selector and its pods carry (pkg/apis/batch/types.go). */
export const JobLabels = {
  LegacyControllerUid: 'controller-uid',
  LegacyJobName: 'job-name',
  ControllerUid: 'batch.kubernetes.io/controller-uid',
  JobName: 'batch.kubernetes.io/job-name',
} as const;

const maxInt32 = 2147483647;

/**
 * setDefaultsJob is SetDefaults_Job plus the pod template's defaults, except the copy of template
 * labels to an unlabelled Job, which the strategy does once the selector labels exist.
 */
export function setDefaultsJob(job: Job): void {
  const spec = (job.spec ??= {} as JobSpec);
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? maxInt32 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= 'True';
  }
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.template ??= {} as PodTemplateSpec;
  setDefaultsPodTemplateSpec(spec.template);
}

// SetDefaults_Job gives a Job without labels its template's labels, sharing the map that
// generateSelector then fills (and defaulting runs again on every read from storage), which is why
// an unlabelled Job shows the controller-uid and job-name labels too.
function copyTemplateLabels(job: Job): void {
  const labels = job.spec?.template?.metadata?.labels;
  const meta = metaOf(job as unknown as KubeObject);
  if (labels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...labels };
}

/** generateSelector is generateSelector of the Job strategy: the uid-based selector and pod labels. */
export function generateSelector(job: Job): void {
  const spec = job.spec!;
  const tpl = (spec.template ??= {} as PodTemplateSpec);
  const tplMeta = (tpl.metadata ??= {});
  const labels = (tplMeta.labels ??= {});
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  // A label the user set is left alone; validation then rejects a wrong value.
  labels[JobLabels.LegacyJobName] ??= name;
  labels[JobLabels.JobName] ??= name;
  labels[JobLabels.LegacyControllerUid] ??= uid;
  labels[JobLabels.ControllerUid] ??= uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  matchLabels[JobLabels.ControllerUid] ??= uid;
}

function validateHasLabel(labels: Record<string, string> | undefined, key: string, expected: string): FieldError[] {
  const path = `spec.template.metadata.labels[${key}]`;
  if (labels === undefined || !(key in labels)) return [fieldError.required(path, `must be '${expected}'`)];
  return labels[key] === expected ? [] : [fieldError.invalid(path, goStringMap(labels), `must be '${expected}'`)];
}

/** validateGeneratedSelector is validateGeneratedSelector with the batch.kubernetes.io labels required. */
export function validateGeneratedSelector(job: Job): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector || !spec?.selector) return [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  const errs: FieldError[] = [];
  if (!uid) errs.push(fieldError.required('metadata.uid'));
  const labels = spec.template?.metadata?.labels;
  errs.push(...validateHasLabel(labels, JobLabels.LegacyControllerUid, uid));
  errs.push(...validateHasLabel(labels, JobLabels.LegacyJobName, name));
  errs.push(...validateHasLabel(labels, JobLabels.ControllerUid, uid));
  errs.push(...validateHasLabel(labels, JobLabels.JobName, name));
  const expected = {
    [JobLabels.ControllerUid]: uid,
    [JobLabels.JobName]: name,
    [JobLabels.LegacyControllerUid]: uid,
    [JobLabels.LegacyJobName]: name,
  };
  const selector = labelSelectorAsSelector(spec.selector);
  if (selector && !matches(selector, expected)) {
    errs.push(fieldError.invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** validateJobSpec is ValidateJobSpec: the spec fields plus a required selector that selects the template. */
export function validateJobSpec(spec: JobSpec | undefined, path: string): FieldError[] {
  const errs = validateJobSpecFields(spec, path);
  if (!spec?.selector) errs.push(fieldError.required(`${path}.selector`));
  else errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  const selector = labelSelectorAsSelector(spec?.selector);
  const labels = spec?.template?.metadata?.labels;
  if (selector && !matches(selector, labels)) {
    errs.push(fieldError.invalid(`${path}.template.metadata.labels`, goStringMap(labels), SelectorMismatchMsg));
  }
  return errs;
}

/** validateJob is ValidateJob. */
export function validateJob(job: Job): FieldError[] {
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateGeneratedSelector(job));
  errs.push(...validateJobSpec(job.spec, 'spec'));
  const completions = job.spec?.completions;
  if (job.spec?.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    // Indexed pods are named "<job>-<index>"; the largest must still be a DNS label.
    const name = job.metadata?.name ?? '';
    const maxHostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(maxHostname).length > 0) {
      errs.push(fieldError.invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${maxHostname}`));
    }
  }
  return errs;
}

// The pod template of a Job is immutable, except the scheduling directives of a suspended Job
// that never started (validatePodTemplateUpdate).
function validatePodTemplateUpdate(job: Job, old: Job): FieldError[] {
  const tpl = job.spec?.template;
  let oldTpl = old.spec?.template;
  const mutableScheduling = old.spec?.suspend === true && !old.status?.startTime;
  if (mutableScheduling && oldTpl) {
    const next = structuredClone(oldTpl);
    const spec = (next.spec ??= { containers: [] });
    const affinity = tpl?.spec?.affinity;
    if (!affinity && spec.affinity) {
      delete spec.affinity.nodeAffinity;
      if (Object.keys(spec.affinity).length === 0) delete spec.affinity;
    } else if (affinity) {
      spec.affinity = { ...spec.affinity, nodeAffinity: affinity.nodeAffinity };
    }
    spec.nodeSelector = tpl?.spec?.nodeSelector;
    spec.tolerations = tpl?.spec?.tolerations;
    spec.schedulingGates = tpl?.spec?.schedulingGates;
    next.metadata = { ...next.metadata, annotations: tpl?.metadata?.annotations, labels: tpl?.metadata?.labels };
    oldTpl = next;
  }
  return semanticDeepEqual(tpl, oldTpl) ? [] : [fieldError.invalid('spec.template', goStruct('core.PodTemplateSpec', tpl), FieldImmutableErrorMsg)];
}

function immutable(path: string, next: unknown, prev: unknown, value: unknown = next ?? null): FieldError[] {
  return semanticDeepEqual(next, prev) ? [] : [fieldError.invalid(path, value, FieldImmutableErrorMsg)];
}

/** validateJobUpdate is ValidateJobUpdate (ValidateObjectMetaUpdate and ValidateJobSpecUpdate). */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const s = job.spec ?? ({} as JobSpec);
  const o = old.spec ?? ({} as JobSpec);
  const errs = [...validateObjectMetaUpdate(job.metadata, old.metadata), ...validateJobSpec(s, 'spec')];
  // ElasticIndexedJob (GA): an Indexed Job may change completions together with parallelism.
  if (s.completionMode === 'Indexed') {
    if (s.completions !== undefined && s.completions !== o.completions && s.completions !== s.parallelism) {
      errs.push(fieldError.invalid('spec.completions', s.completions, 'can only be modified in tandem with spec.parallelism'));
    }
  } else errs.push(...immutable('spec.completions', s.completions, o.completions));
  errs.push(...immutable('spec.selector', s.selector, o.selector, goLabelSelector(s.selector)));
  errs.push(...validatePodTemplateUpdate(job, old));
  errs.push(...immutable('spec.completionMode', s.completionMode, o.completionMode));
  errs.push(...immutable('spec.podFailurePolicy', s.podFailurePolicy, o.podFailurePolicy, goStruct('batch.PodFailurePolicy', s.podFailurePolicy)));
  errs.push(...immutable('spec.backoffLimitPerIndex', s.backoffLimitPerIndex, o.backoffLimitPerIndex));
  errs.push(...immutable('spec.managedBy', s.managedBy, o.managedBy));
  errs.push(...immutable('spec.successPolicy', s.successPolicy, o.successPolicy, goStruct('batch.SuccessPolicy', s.successPolicy)));
  return errs;
}

/** validateJobStatus checks the counters of a Job status update (the basic part of validateJobStatus). */
export function validateJobStatus(status: JobStatus | undefined, path: string): FieldError[] {
  const s = status ?? {};
  const errs = [
    ...validateNonnegativeField(s.active ?? 0, `${path}.active`),
    ...validateNonnegativeField(s.succeeded ?? 0, `${path}.succeeded`),
    ...validateNonnegativeField(s.failed ?? 0, `${path}.failed`),
  ];
  if (s.ready !== undefined) errs.push(...validateNonnegativeField(s.ready, `${path}.ready`));
  if (s.terminating !== undefined) errs.push(...validateNonnegativeField(s.terminating, `${path}.terminating`));
  if (s.ready !== undefined && s.ready > (s.active ?? 0)) {
    errs.push(fieldError.invalid(`${path}.ready`, s.ready, 'cannot set more ready pods than active'));
  }
  return errs;
}

const asJob = (o: KubeObject) => o as unknown as Job;

/** jobStrategy is the REST strategy of batch/v1 jobs. */
export const jobStrategy: ResourceStrategy = {
  def: Resources.jobs,
  defaults: (obj) => setDefaultsJob(asJob(obj)),
  prepareForCreate(obj) {
    const job = asJob(obj);
    if (!job.spec?.manualSelector) generateSelector(job);
    resetStatus(obj, {});
    metaOf(obj).generation = 1;
    copyTemplateLabels(job);
  },
  prepareForUpdate(obj: KubeObject, old: StoredObject) {
    keepStatus(obj, old);
    bumpGenerationIf(obj, old, !semanticDeepEqual(obj.spec, old.spec));
    copyTemplateLabels(asJob(obj));
  },
  validate: (obj) => validateJob(asJob(obj)),
  // As upstream, ValidateJob and ValidateJobUpdate both run, so spec errors come twice.
  validateUpdate: (obj, old) => [...validateJob(asJob(obj)), ...validateJobUpdate(asJob(obj), asJob(old))],
  status: {
    prepareForUpdate: keepSpec,
    validateUpdate(obj, old) {
      const job = asJob(obj);
      const prev = asJob(old);
      const errs = [...validateObjectMetaUpdate(job.metadata, old.metadata), ...validateJobStatus(job.status, 'status')];
      if ((job.status?.failed ?? 0) < (prev.status?.failed ?? 0)) {
        errs.push(fieldError.invalid('status.failed', job.status?.failed ?? 0, 'cannot decrease the failed counter'));
      }
      if ((job.status?.succeeded ?? 0) < (prev.status?.succeeded ?? 0)) {
        errs.push(fieldError.invalid('status.succeeded', job.status?.succeeded ?? 0, 'cannot decrease the succeeded counter'));
      }
      return errs;
    },
  },
  fieldSelectors: {
    'status.successful': (obj) => String(asJob(obj).status?.succeeded ?? 0),
  },
};
