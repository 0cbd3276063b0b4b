import type { Affinity, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import {
  createPodTemplate,
  getTargetNodeName,
  getTemplateGeneration,
  isPodUpdated,
  replaceDaemonSetPodNodeNameNodeAffinity,
} from './daemonPodTemplate';
import { newDaemonPod, newDaemonSet } from './testing';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const defaultTolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

describe('createPodTemplate', () => {
  it('adds the revision labels and the default tolerations without touching the DaemonSet', () => {
    const template: PodTemplateSpec = deepFreeze({ metadata: { labels: { app: 'ds' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(createPodTemplate(template, 3, 'abc12')).toEqual({
      metadata: { labels: { app: 'ds', 'pod-template-generation': '3', 'controller-revision-hash': 'abc12' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }], tolerations: defaultTolerations },
    });
  });

  it('leaves out the generation label when the annotation is unusable, and the hash when empty', () => {
    expect(createPodTemplate({ metadata: { labels: { app: 'ds' } } }, undefined, '').metadata?.labels).toEqual({ app: 'ds' });
  });

  it("replaces a user's toleration of the same key and effect, keeps the others, and adds network-unavailable for hostNetwork", () => {
    const template: PodTemplateSpec = deepFreeze({
      spec: {
        hostNetwork: true,
        containers: [],
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
        ],
      },
    });
    expect(createPodTemplate(template, 1, 'h').spec?.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      ...defaultTolerations.slice(1),
      { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });
});

describe('replaceDaemonSetPodNodeNameNodeAffinity', () => {
  const pinned = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] };

  it.each<[string, Affinity | undefined, Affinity]>([
    ['creates the affinity', undefined, { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: pinned } }],
    [
      'adds node affinity beside pod affinity',
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone' }] } },
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone' }] }, nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: pinned } },
    ],
    [
      'replaces the required terms and keeps the preferred ones',
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }],
        },
      },
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: pinned,
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }],
        },
      },
    ],
  ])('%s', (_name, affinity, want) => {
    expect(replaceDaemonSetPodNodeNameNodeAffinity(affinity, 'n1')).toEqual(want);
  });
});

describe('getTargetNodeName', () => {
  it('reads spec.nodeName, else the pinned affinity', () => {
    expect(getTargetNodeName(newDaemonPod('a', { node: 'n2' }))).toBe('n2');
    expect(getTargetNodeName(newDaemonPod('a', { node: 'n3', pinned: true }))).toBe('n3');
  });

  it('finds none without a unique metadata.name In term', () => {
    const pod = newDaemonPod('a', { node: 'n3', pinned: true });
    pod.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0].matchFields![0].values = ['n1', 'n2'];
    expect(getTargetNodeName(pod)).toBeUndefined();
    delete pod.spec!.affinity;
    expect(getTargetNodeName(pod)).toBeUndefined();
  });
});

describe('revision of a pod', () => {
  it('reads the template generation from the deprecated annotation', () => {
    expect(getTemplateGeneration(newDaemonSet((ds) => (ds.metadata!.annotations = { 'deprecated.daemonset.template.generation': '7' })))).toBe(7);
    expect(getTemplateGeneration(newDaemonSet((ds) => (ds.metadata!.annotations = { 'deprecated.daemonset.template.generation': 'x' })))).toBeUndefined();
    expect(getTemplateGeneration(newDaemonSet((ds) => (ds.metadata!.annotations = undefined)))).toBeUndefined();
  });

  it('calls a pod updated when its hash or its template generation is current', () => {
    const pod = newDaemonPod('a', { hash: 'h1', generation: '1' });
    expect(isPodUpdated(pod, 'h1', 2)).toBe(true);
    expect(isPodUpdated(pod, 'h2', 1)).toBe(true);
    expect(isPodUpdated(pod, 'h2', 2)).toBe(false);
    expect(isPodUpdated(pod, 'h2', undefined)).toBe(false);
  });
});
