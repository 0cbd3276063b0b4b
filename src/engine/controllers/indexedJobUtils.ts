import type { Job } from 'kubernetes-types/batch/v1';
import type { Container, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { sortActivePodsWithRanks } from './util/activePods';

// Indexed completion of pkg/controller/job/indexed_job_utils.go (v1.32, PodIndexLabel GA): each pod
// carries a completion index in [0, completions), the Job succeeds once every index has, and
// status.completedIndexes lists them as ordered intervals ("1,3-5,7").

/** JobCompletionIndexAnnotation (and, since PodIndexLabel, the label of the same key) holds a pod's index. */
export const JobCompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';
const completionIndexEnvName = 'JOB_COMPLETION_INDEX';
/** maxGeneratedNameLength is names.MaxGeneratedNameLength: a name prefix leaves room for five random characters. */
const maxGeneratedNameLength = 63 - 5;

/** Interval is a run of indexes, first to last inclusive. */
export interface Interval {
  first: number;
  last: number;
}

export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

/** getCompletionIndex reads a pod's index from its annotation; -1 when missing or not a number. */
export function getCompletionIndex(pod: Pod): number {
  const v = pod.metadata?.annotations?.[JobCompletionIndexAnnotation];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/** parseIndexesFromString reads completedIndexes, keeping only indexes below completions. */
export function parseIndexesFromString(s: string | undefined, completions: number): Interval[] {
  const out: Interval[] = [];
  for (const part of (s ?? '').split(',')) {
    if (part === '') continue;
    const [a, b] = part.split('-').map(Number);
    const first = a;
    const last = Math.min(b ?? a, completions - 1);
    if (!Number.isInteger(first) || !Number.isInteger(last) || first > last) continue;
    const prev = out[out.length - 1];
    if (prev && prev.last + 1 >= first) prev.last = Math.max(prev.last, last);
    else out.push({ first, last });
  }
  return out;
}

/** withOrderedIndexes adds ascending indexes to the intervals, merging neighbours. */
export function withOrderedIndexes(intervals: readonly Interval[], indexes: readonly number[]): Interval[] {
  const all = [...intervals.map((iv) => ({ ...iv })), ...indexes.map((ix) => ({ first: ix, last: ix }))].sort((a, b) => a.first - b.first);
  const out: Interval[] = [];
  for (const iv of all) {
    const prev = out[out.length - 1];
    if (prev && prev.last + 1 >= iv.first) prev.last = Math.max(prev.last, iv.last);
    else out.push(iv);
  }
  return out;
}

export function totalIndexes(intervals: readonly Interval[]): number {
  return intervals.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
}

export function hasIndex(intervals: readonly Interval[], ix: number): boolean {
  return intervals.some((iv) => iv.first <= ix && ix <= iv.last);
}

/** formatIntervals is orderedIntervals.String: two neighbours are written "3,4", longer runs "3-5". */
export function formatIntervals(intervals: readonly Interval[]): string {
  return intervals.map((iv) => (iv.last === iv.first ? `${iv.first}` : `${iv.first}${iv.last === iv.first + 1 ? ',' : '-'}${iv.last}`)).join(',');
}

/** firstPendingIndexes is firstPendingIndexes: the lowest count indexes neither succeeded nor held by an active pod. */
export function firstPendingIndexes(succeeded: readonly Interval[], active: readonly Pod[], count: number, completions: number): number[] {
  const taken = new Set(active.map(getCompletionIndex));
  const out: number[] = [];
  for (let ix = 0; ix < completions && out.length < count; ix++) if (!hasIndex(succeeded, ix) && !taken.has(ix)) out.push(ix);
  return out;
}

/**
 * activePodsForRemoval is activePodsForRemoval for an Indexed Job: pods with no valid index and all
 * but one pod of each index go first, then as many more as rmAtLeast asks, most deletable first.
 */
export function activePodsForRemoval(job: Job, pods: Pod[], rmAtLeast: number, nowMs: number): Pod[] {
  const completions = job.spec?.completions ?? 0;
  const byIndex = new Map<number, Pod[]>();
  const rm: Pod[] = [];
  for (const p of pods) {
    const ix = getCompletionIndex(p);
    if (ix < 0 || ix >= completions) rm.push(p);
    else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
  }
  const left: Pod[] = [];
  for (const same of byIndex.values()) {
    // Of several pods of one index, the one least deletable stays.
    const sorted = sortActivePodsWithRanks(same, [], nowMs);
    rm.push(...sorted.slice(0, -1));
    left.push(sorted[sorted.length - 1]);
  }
  if (rm.length < rmAtLeast) rm.push(...sortActivePodsWithRanks(left, [], nowMs).slice(0, rmAtLeast - rm.length));
  return rm;
}

function addCompletionIndexEnvVariable(c: Container): void {
  if (c.env?.some((e) => e.name === completionIndexEnvName)) return;
  c.env = [...(c.env ?? []), { name: completionIndexEnvName, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JobCompletionIndexAnnotation}']` } } }];
}

/** addCompletionIndexEnvVariables gives every container JOB_COMPLETION_INDEX, read from the pod's index label. */
export function addCompletionIndexEnvVariables(template: PodTemplateSpec): void {
  for (const c of template.spec?.initContainers ?? []) addCompletionIndexEnvVariable(c);
  for (const c of template.spec?.containers ?? []) addCompletionIndexEnvVariable(c);
}

/** indexedPodTemplate is the template of the pod for index ix: annotation, label and hostname `<job>-<ix>`. */
export function indexedPodTemplate(job: Job, template: PodTemplateSpec, ix: number): PodTemplateSpec {
  const t = structuredClone(template);
  const meta = (t.metadata ??= {});
  meta.annotations = { ...meta.annotations, [JobCompletionIndexAnnotation]: String(ix) };
  meta.labels = { ...meta.labels, [JobCompletionIndexAnnotation]: String(ix) };
  t.spec!.hostname = `${job.metadata!.name}-${ix}`;
  return t;
}

/** podGenerateNameWithIndex is `<job>-<ix>-`, the job name cut so the prefix fits a generated name. */
export function podGenerateNameWithIndex(jobName: string, ix: number): string {
  const suffix = `-${ix}-`;
  const prefix = jobName + suffix;
  return prefix.length > maxGeneratedNameLength ? jobName.slice(0, maxGeneratedNameLength - suffix.length) + suffix : prefix;
}
