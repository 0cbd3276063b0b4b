import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { describe, expect, it } from 'vitest';
import { cronJobPrinter, jobPrinter } from './batch';

const now = Date.parse('2025-01-01T12:00:00Z');
const template = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };

function job(spec: Partial<Job['spec']>, status: Job['status'] = {}, deleting = false): Job {
  return {
    metadata: { name: 'pi', creationTimestamp: '2025-01-01T11:50:00Z', ...(deleting ? { deletionTimestamp: '2025-01-01T11:59:00Z' } : {}) },
    spec: { template, selector, ...spec },
    status,
  };
}

describe('jobPrinter', () => {
  it('has NAME STATUS COMPLETIONS DURATION AGE and wide CONTAINERS IMAGES SELECTOR', () => {
    expect(jobPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Status:0', 'Completions:0', 'Duration:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1',
    ]);
  });

  it('prints a complete job with its duration', () => {
    const j = job(
      { completions: 1, parallelism: 1 },
      { succeeded: 1, startTime: '2025-01-01T11:50:00Z', completionTime: '2025-01-01T11:50:47Z', conditions: [{ type: 'Complete', status: 'True' }] },
    );
    expect(jobPrinter.cells(j, now)).toEqual(['pi', 'Complete', '1/1', '47s', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc']);
  });

  it('prints a running job with the time since it started', () => {
    const j = job({ completions: 3 }, { succeeded: 1, active: 1, startTime: '2025-01-01T11:57:00Z' });
    expect(jobPrinter.cells(j, now).slice(1, 4)).toEqual(['Running', '1/3', '3m']);
  });

  it('prints an empty duration before the job started', () => {
    expect(jobPrinter.cells(job({ completions: 1 }), now)[3]).toBe('');
  });

  it.each([
    ['a work queue with parallelism 5', { parallelism: 5 }, '0/1 of 5'],
    ['no completions and parallelism 1', { parallelism: 1 }, '0/1'],
  ])('prints completions for %s as %s', (_, spec, want) => {
    expect(jobPrinter.cells(job(spec), now)[2]).toBe(want);
  });

  it.each([
    ['Failed', [{ type: 'Failed', status: 'True' }], false],
    ['Suspended', [{ type: 'Suspended', status: 'True' }], false],
    ['FailureTarget', [{ type: 'FailureTarget', status: 'True' }], false],
    ['Terminating', [{ type: 'Suspended', status: 'True' }], true],
    ['Running', [{ type: 'Suspended', status: 'False' }], false],
    ['Complete', [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }], true],
    ['Running', [{ type: 'SuccessCriteriaMet', status: 'True' }], false],
  ])('shows status %s', (want, conditions, deleting) => {
    expect(jobPrinter.cells(job({ completions: 1 }, { conditions }, deleting), now)[1]).toBe(want);
  });
});

describe('cronJobPrinter', () => {
  const cj = (spec: Partial<CronJob['spec']>, status: CronJob['status'] = {}): CronJob => ({
    metadata: { name: 'hello', creationTimestamp: '2025-01-01T10:00:00Z' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } }, ...spec },
    status,
  });

  it('prints schedule, timezone, suspend, active and last schedule', () => {
    const c = cj({ suspend: false, timeZone: 'Etc/UTC' }, { active: [{ name: 'hello-1' }], lastScheduleTime: '2025-01-01T11:55:00Z' });
    expect(cronJobPrinter.cells(c, now)).toEqual(['hello', '*/5 * * * *', 'Etc/UTC', 'False', 1, '5m', '120m', 'pi', 'perl:5.34', '<none>']);
  });

  it('prints placeholders for a cron job that never ran', () => {
    expect(cronJobPrinter.cells(cj({}), now).slice(2, 6)).toEqual(['<none>', '<unset>', 0, '<none>']);
    expect(cronJobPrinter.cells(cj({ suspend: true }), now)[3]).toBe('True');
  });
});
