import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { cronJobStrategy } from './cronJobs';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

// What `kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *"` sends.
const cronJob = (mutate: (spec: any) => void = () => undefined, name = 'hello'): KubeObject => {
  const spec = {
    schedule: '*/1 * * * *',
    jobTemplate: { metadata: { name }, spec: { template: { spec: { containers: [{ name, image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
  };
  mutate(spec);
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec };
};

describe('cronjob strategy', () => {
  it('applies the v1.32 defaults', () => {
    const { obj, errors } = simulateCreate(cronJobStrategy, cronJob());
    expect(errors).toEqual([]);
    const spec = obj.spec as any;
    expect([spec.concurrencyPolicy, spec.suspend, spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit]).toEqual(['Allow', false, 3, 1]);
    expect(spec.jobTemplate.metadata).toEqual({ creationTimestamp: null, name: 'hello' });
    // A job template gets no Job defaults (those apply when the controller creates the Job).
    expect(spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(spec.jobTemplate.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
    expect(obj.status).toEqual({});
    expect(obj.metadata?.generation).toBe(1);
  });

  it.each([
    ['a missing schedule', (s: any) => delete s.schedule, ['spec.schedule: Required value']],
    ['a six-field schedule', (s: any) => (s.schedule = '0 * * * * *'), ['spec.schedule: Invalid value: "0 * * * * *": expected exactly 5 fields, found 6: [0 * * * * *]']],
    ['a minute out of range', (s: any) => (s.schedule = '61 * * * *'), ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']],
    ['TZ in the schedule', (s: any) => (s.schedule = 'TZ=UTC 0 * * * *'), ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']],
    ['an unknown time zone', (s: any) => (s.timeZone = 'Mars/Olympus'), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    ['an empty time zone', (s: any) => (s.timeZone = ''), ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    ['an unknown concurrency policy', (s: any) => (s.concurrencyPolicy = 'Sometimes'), ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"']],
    ['restartPolicy Always in the job template', (s: any) => (s.jobTemplate.spec.template.spec.restartPolicy = 'Always'), ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['a selector in the job template', (s: any) => (s.jobTemplate.spec.selector = { matchLabels: { a: 'b' } }), ['spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated']],
    ['manualSelector in the job template', (s: any) => (s.jobTemplate.spec.manualSelector = true), ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"']],
  ])('rejects %s', (_n, mutate, want) => {
    expect(simulateCreate(cronJobStrategy, cronJob(mutate)).errors).toEqual(want);
  });

  it('accepts an IANA time zone', () => {
    expect(simulateCreate(cronJobStrategy, cronJob((s) => (s.timeZone = 'Europe/Paris'))).errors).toEqual([]);
  });

  it('limits names to 52 characters on create only', () => {
    const name = 'c'.repeat(53);
    const { obj, errors } = simulateCreate(cronJobStrategy, cronJob(undefined, name));
    expect(errors).toEqual([`metadata.name: Invalid value: "${name}": must be no more than 52 characters`]);
    expect(simulateUpdate(cronJobStrategy, structuredClone(obj), stored(obj)).errors).toEqual([]);
  });
});
