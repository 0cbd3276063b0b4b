import { describe, expect, it } from 'vitest';
import type { Container, Pod, ResourceQuota } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import { newPodEvaluator } from './pods';
import { toApi } from './resources';

const asObj = (p: Pod) => p as unknown as KubeObject;
const c = (name: string, requests?: Record<string, string>, limits?: Record<string, string>, extra: Partial<Container> = {}): Container => ({
  name,
  image: 'nginx',
  resources: { requests, limits },
  ...extra,
});
const pod = (spec: Partial<Pod['spec']> & { containers: Container[] }, status: Pod['status'] = { phase: 'Running' }, meta: Pod['metadata'] = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', ...meta },
  spec,
  status,
});
const quota = (hard: Record<string, string>, spec: Partial<ResourceQuota['spec']> = {}): ResourceQuota => ({ spec: { hard, ...spec }, status: { hard, used: {} } });

describe('pod evaluator', () => {
  const e = newPodEvaluator(() => [], () => Date.UTC(2025, 0, 1));

  it('charges the sum of containers, the larger init container, and the overhead', () => {
    const p = pod({
      containers: [c('a', { cpu: '100m', memory: '64Mi' }, { cpu: '200m', memory: '128Mi' }), c('b', { cpu: '300m' }, { cpu: '1' })],
      initContainers: [c('init', { cpu: '500m', memory: '1Gi' }), c('sidecar', { cpu: '50m' }, undefined, { restartPolicy: 'Always' } as Partial<Container>)],
      overhead: { cpu: '10m' },
    });
    expect(toApi(e.usage(asObj(p)))).toEqual({
      'count/pods': '1',
      pods: '1',
      // The sidecar starts after init, so init's 500m exceeds the 450m the long-running containers need.
      cpu: '510m',
      'requests.cpu': '510m',
      'limits.cpu': '1210m',
      memory: '1Gi',
      'requests.memory': '1Gi',
      'limits.memory': '128Mi',
    });
  });

  it.each<[string, Pod]>([
    ['Succeeded', pod({ containers: [c('a', { cpu: '1' })] }, { phase: 'Succeeded' })],
    ['Failed', pod({ containers: [c('a', { cpu: '1' })] }, { phase: 'Failed' })],
    [
      'stuck terminating past its grace period',
      pod({ containers: [c('a', { cpu: '1' })] }, { phase: 'Running' }, { deletionTimestamp: '2024-12-31T23:59:00Z', deletionGracePeriodSeconds: 30 }),
    ],
  ])('charges only count/pods for a pod that is %s', (_n, p) => {
    expect(toApi(e.usage(asObj(p)))).toEqual({ 'count/pods': '1' });
  });

  it('demands explicit container values for the cpu and memory resources a quota limits', () => {
    const p = pod({ containers: [c('web', { cpu: '1' }), c('log', {}, { memory: '1Gi' })], initContainers: [c('init', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] });
    const required = e.matchingResources(['limits.cpu', 'requests.memory', 'pods', 'requests.storage']);
    expect(e.constraints(required, asObj(p))).toBe('must specify limits.cpu for: log,web; requests.memory for: log,web');
    expect(e.constraints(['pods', 'requests.ephemeral-storage'], asObj(p))).toBeUndefined();
  });

  it('matches the resources pods use, hugepages and extended resources included', () => {
    expect(e.matchingResources(['pods', 'requests.hugepages-2Mi', 'requests.nvidia.com/gpu', 'services', 'count/pods', 'limits.memory'])).toEqual(
      ['count/pods', 'limits.memory', 'pods', 'requests.hugepages-2Mi', 'requests.nvidia.com/gpu'],
    );
  });

  it.each<[string, Partial<ResourceQuota['spec']>, Pod, boolean]>([
    ['BestEffort a pod without requests', { scopes: ['BestEffort'] }, pod({ containers: [c('a')] }), true],
    ['BestEffort a pod with requests', { scopes: ['BestEffort'] }, pod({ containers: [c('a', { cpu: '1' })] }), false],
    ['NotBestEffort a pod with requests', { scopes: ['NotBestEffort'] }, pod({ containers: [c('a', { cpu: '1' })] }), true],
    ['Terminating a pod with a deadline', { scopes: ['Terminating'] }, pod({ containers: [c('a')], activeDeadlineSeconds: 10 }), true],
    ['NotTerminating a pod with a deadline', { scopes: ['NotTerminating'] }, pod({ containers: [c('a')], activeDeadlineSeconds: 10 }), false],
    [
      'PriorityClass In [high] a high pod',
      { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } },
      pod({ containers: [c('a')], priorityClassName: 'high' }),
      true,
    ],
    [
      'PriorityClass NotIn [high] a pod without class',
      { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] }] } },
      pod({ containers: [c('a')] }),
      true,
    ],
    ['PriorityClass Exists a pod without class', { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Exists' }] } }, pod({ containers: [c('a')] }), false],
    [
      'CrossNamespacePodAffinity a pod with a namespaced affinity term',
      { scopeSelector: { matchExpressions: [{ scopeName: 'CrossNamespacePodAffinity', operator: 'Exists' }] } },
      pod({ containers: [c('a')], affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', namespaces: ['other'] }] } } }),
      true,
    ],
  ])('scope %s: %s', (_n, spec, p, expected) => {
    expect(e.matches(quota({ pods: '1' }, spec), asObj(p))).toBe(expected);
  });

  it('does not match a quota without pod resources, and handles creates only', () => {
    expect(e.matches(quota({ services: '1' }), asObj(pod({ containers: [c('a')] })))).toBe(false);
    expect(e.handles('CREATE', '')).toBe(true);
    expect(e.handles('UPDATE', '')).toBe(false);
  });
});
