import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { jobStrategy } from './jobs';
import { simulateCreate, simulateUpdate, stored, TestUID } from './strategyTesting';

// What `kubectl create job pi --image=perl` sends.
const job = (mutate: (spec: any) => void = () => undefined): KubeObject => {
  const spec = { template: { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } } };
  mutate(spec);
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec };
};

const generatedLabels = {
  'batch.kubernetes.io/controller-uid': TestUID,
  'batch.kubernetes.io/job-name': 'pi',
  'controller-uid': TestUID,
  'job-name': 'pi',
};

describe('job defaults and generated selector', () => {
  it('defaults a minimal Job and selects its pods by uid', () => {
    const { obj, errors } = simulateCreate(jobStrategy, job());
    expect(errors).toEqual([]);
    const spec = obj.spec as any;
    expect({ ...spec, template: undefined }).toEqual({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: undefined,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': TestUID } },
      suspend: false,
      template: undefined,
    });
    expect(spec.template.metadata).toEqual({ creationTimestamp: null, labels: generatedLabels });
    // The Job itself shows its template's labels, as it does when read back from a v1.32 server.
    expect(obj.metadata?.labels).toEqual(generatedLabels);
    expect(obj.status).toEqual({});
  });

  it('keeps a Job own labels', () => {
    const j = job();
    j.metadata!.labels = { team: 'a' };
    expect(simulateCreate(jobStrategy, j).obj.metadata?.labels).toEqual({ team: 'a' });
  });

  it.each([
    ['only parallelism set', (s: any) => (s.parallelism = 3), { parallelism: 3, completions: undefined }],
    ['only completions set', (s: any) => (s.completions = 5), { parallelism: 1, completions: 5 }],
  ])('defaults with %s', (_n, mutate, want) => {
    const spec = simulateCreate(jobStrategy, job(mutate)).obj.spec as any;
    expect({ parallelism: spec.parallelism, completions: spec.completions }).toEqual(want);
  });

  it('uses MaxInt32 backoffLimit and Failed replacement with a per-index limit and a pod failure policy', () => {
    const spec = simulateCreate(
      jobStrategy,
      job((s) => {
        s.completionMode = 'Indexed';
        s.completions = 3;
        s.backoffLimitPerIndex = 1;
        s.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
      }),
    ).obj.spec as any;
    expect(spec.backoffLimit).toBe(2147483647);
    expect(spec.podReplacementPolicy).toBe('Failed');
    expect(spec.podFailurePolicy.rules[0].onPodConditions[0].status).toBe('True');
  });
});

describe('job validation', () => {
  it.each([
    ['restartPolicy left to default', (s: any) => delete s.template.spec.restartPolicy, ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['restartPolicy Always', (s: any) => (s.template.spec.restartPolicy = 'Always'), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['negative backoffLimit', (s: any) => (s.backoffLimit = -1), ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['a completion mode it does not know', (s: any) => (s.completionMode = 'Sharded'), ['spec.completionMode: Unsupported value: "Sharded": supported values: "NonIndexed", "Indexed"']],
    ['backoffLimitPerIndex without Indexed', (s: any) => (s.backoffLimitPerIndex = 1), ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode']],
    [
      'a pod failure policy with OnFailure',
      (s: any) => {
        s.template.spec.restartPolicy = 'OnFailure';
        s.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 1] } }] };
        s.podReplacementPolicy = 'Failed';
      },
      ['spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 1}: must be ordered', 'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified'],
    ],
    [
      'a user label that contradicts the generated one',
      (s: any) => (s.template.metadata = { labels: { 'job-name': 'other' } }),
      [
        `spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${TestUID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${TestUID}", "job-name":"other"}: must be 'pi'`,
      ],
    ],
    [
      'a manual selector that misses the template',
      (s: any) => {
        s.manualSelector = true;
        s.selector = { matchLabels: { app: 'pi' } };
      },
      ['spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`'],
    ],
  ])('rejects %s', (_n, mutate, want) => {
    expect(simulateCreate(jobStrategy, job(mutate)).errors).toEqual(want);
  });

  it('keeps indexed pod hostnames valid DNS labels', () => {
    const j = job((s) => {
      s.completionMode = 'Indexed';
      s.completions = 10;
    });
    j.metadata!.name = 'x'.repeat(62);
    expect(simulateCreate(jobStrategy, j).errors).toContain(
      `metadata.name: Invalid value: "${'x'.repeat(62)}": will not able to create pod with invalid DNS label: ${'x'.repeat(62)}-9`,
    );
  });
});

describe('job update', () => {
  const created = () => stored(simulateCreate(jobStrategy, job()).obj);

  it('forbids changing completions of a NonIndexed Job', () => {
    const next = structuredClone(created()) as any;
    next.spec.completions = 2;
    expect(simulateUpdate(jobStrategy, next, created()).errors).toEqual(['spec.completions: Invalid value: 2: field is immutable']);
  });

  it('forbids changing the pod template of a running Job', () => {
    const next = structuredClone(created()) as any;
    next.spec.template.spec.containers[0].image = 'perl:2';
    const errs = simulateUpdate(jobStrategy, next, created()).errors;
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/);
  });

  it('lets a suspended Job that never started change its node selector', () => {
    const old = created() as any;
    old.spec.suspend = true;
    const next = structuredClone(old);
    next.spec.template.spec.nodeSelector = { zone: 'a' };
    expect(simulateUpdate(jobStrategy, next, old).errors).toEqual([]);
  });

  it('allows parallelism changes and bumps the generation', () => {
    const next = structuredClone(created()) as any;
    next.spec.parallelism = 4;
    const { obj, errors } = simulateUpdate(jobStrategy, next, created());
    expect(errors).toEqual([]);
    expect(obj.metadata?.generation).toBe(2);
  });

  it('selects on status.successful', () => {
    expect(jobStrategy.fieldSelectors!['status.successful']({ metadata: {}, status: { succeeded: 2 } })).toBe('2');
    expect(jobStrategy.fieldSelectors!['status.successful']({ metadata: {} })).toBe('0');
  });
});
