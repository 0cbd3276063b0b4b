import type { CronJob, CronJobSpec, JobTemplateSpec } from 'kubernetes-types/batch/v1';
import type { KubeObject } from '../../api/object';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';
import { fieldError, type FieldError } from '../fieldErrors';
import { DNS1035LabelMaxLength, nameIsDNSSubdomain } from '../validation/names';
import { validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { CronParseError, parseStandardCron } from '../../api/cron/cronSchedule';
import { isKnownTimeZone } from '../../api/cron/timeZone';
import { goLabelSelector } from './goValue';
import { validateJobSpecFields } from './jobValidation';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf, resetStatus, semanticDeepEqual } from './strategyHelpers';

// CronJob as pkg/apis/batch/v1/defaults.go, pkg/apis/batch/validation/validation.go and
// pkg/registry/batch/cronjob/strategy.go of v1.32 define it.

/** setDefaultsCronJob is SetDefaults_CronJob plus the job template's pod template defaults. */
export function setDefaultsCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= {} as CronJobSpec);
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jt = (spec.jobTemplate ??= {} as JobTemplateSpec);
  // JobTemplateSpec embeds a non-pointer ObjectMeta: its zero creationTimestamp prints as null.
  const meta = (jt.metadata ??= {}) as Record<string, unknown>;
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  const jobSpec = (jt.spec ??= { template: {} });
  jobSpec.template ??= {};
  setDefaultsPodTemplateSpec(jobSpec.template);
}

const validTimeZoneCharacters = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone is validateTimeZone. */
export function validateTimeZone(tz: string | undefined, path: string): FieldError[] {
  if (tz === undefined || tz === null) return [];
  if (tz.length === 0) return [fieldError.invalid(path, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !validTimeZoneCharacters.test(part)) {
      return [fieldError.invalid(path, tz, `unknown time zone ${tz}`)];
    }
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') {
    errs.push(fieldError.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  if (!isKnownTimeZone(tz)) errs.push(fieldError.invalid(path, tz, `unknown time zone ${tz}`));
  return errs;
}

function validateScheduleFormat(schedule: string, allowTZ: boolean, timeZone: string | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseStandardCron(schedule, isKnownTimeZone);
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    errs.push(fieldError.invalid(path, schedule, e.message));
  }
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined) {
    errs.push(fieldError.invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(fieldError.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** validateJobTemplateSpec is ValidateJobTemplateSpec: a job spec whose selector the controller generates. */
export function validateJobTemplateSpec(jt: JobTemplateSpec | undefined, path: string): FieldError[] {
  const errs = validateJobSpecFields(jt?.spec, `${path}.spec`);
  if (jt?.spec?.selector) {
    errs.push(fieldError.invalid(`${path}.spec.selector`, goLabelSelector(jt.spec.selector), '`selector` will be auto-generated'));
  }
  if (jt?.spec?.manualSelector) errs.push(fieldError.notSupported(`${path}.spec.manualSelector`, true, ['nil', 'false']));
  return errs;
}

/** validateCronJobSpec is validateCronJobSpec; old is the stored spec on update. */
export function validateCronJobSpec(spec: CronJobSpec | undefined, old: CronJobSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as CronJobSpec);
  const errs: FieldError[] = [];
  if (!s.schedule) errs.push(fieldError.required(`${path}.schedule`));
  else errs.push(...validateScheduleFormat(s.schedule, old?.schedule?.includes('TZ') ?? false, s.timeZone, `${path}.schedule`));
  if (s.startingDeadlineSeconds !== undefined && s.startingDeadlineSeconds !== null) {
    errs.push(...validateNonnegativeField(s.startingDeadlineSeconds, `${path}.startingDeadlineSeconds`));
  }
  if (!old || old.timeZone !== s.timeZone) errs.push(...validateTimeZone(s.timeZone, `${path}.timeZone`));
  const cp = s.concurrencyPolicy ?? '';
  if (cp === '') errs.push(fieldError.required(`${path}.concurrencyPolicy`));
  else if (cp !== 'Allow' && cp !== 'Forbid' && cp !== 'Replace') {
    errs.push(fieldError.notSupported(`${path}.concurrencyPolicy`, cp, ['Allow', 'Forbid', 'Replace']));
  }
  errs.push(...validateJobTemplateSpec(s.jobTemplate, `${path}.jobTemplate`));
  if (s.successfulJobsHistoryLimit !== undefined && s.successfulJobsHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.successfulJobsHistoryLimit, `${path}.successfulJobsHistoryLimit`));
  }
  if (s.failedJobsHistoryLimit !== undefined && s.failedJobsHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.failedJobsHistoryLimit, `${path}.failedJobsHistoryLimit`));
  }
  return errs;
}

/** validateCronJobCreate is ValidateCronJobCreate: it adds the 52-character name limit. */
export function validateCronJobCreate(cj: CronJob): FieldError[] {
  const errs = [...validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain), ...validateCronJobSpec(cj.spec, undefined, 'spec')];
  // Jobs are named "<cronjob>-<11-character timestamp>" and must fit in 63 characters.
  const name = cj.metadata?.name ?? '';
  if (name.length > DNS1035LabelMaxLength - 11) {
    errs.push(fieldError.invalid('metadata.name', name, 'must be no more than 52 characters'));
  }
  return errs;
}

/** validateCronJobUpdate is ValidateCronJobUpdate (no name length check, for old long names). */
export function validateCronJobUpdate(cj: CronJob, old: CronJob): FieldError[] {
  return [...validateObjectMetaUpdate(cj.metadata, old.metadata), ...validateCronJobSpec(cj.spec, old.spec, 'spec')];
}

const asCronJob = (o: KubeObject) => o as unknown as CronJob;

/** cronJobStrategy is the REST strategy of batch/v1 cronjobs. */
export const cronJobStrategy: ResourceStrategy = {
  def: Resources.cronjobs,
  defaults: (obj) => setDefaultsCronJob(asCronJob(obj)),
  prepareForCreate(obj) {
    resetStatus(obj, {});
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatus(obj, old);
    bumpGenerationIf(obj, old, !semanticDeepEqual(obj.spec, old.spec));
  },
  validate: (obj) => validateCronJobCreate(asCronJob(obj)),
  validateUpdate: (obj, old) => validateCronJobUpdate(asCronJob(obj), asCronJob(old)),
  status: {
    prepareForUpdate: keepSpec,
    validateUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
  },
};
