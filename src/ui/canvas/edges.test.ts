import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ownershipEdges, podAnchors, serviceEdges } from './edges';
import { podOffset, Sizes } from './layout';
import { EmptyNodePods, Unscheduled } from './podPlacement';
import { testPod } from './testPods';

const owned = (kind: string, name: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid: name, controller: true }] });
const a = testPod('default/web-1', 'w1', { metadata: owned('ReplicaSet', 'web-abc') });
const b = testPod('default/web-2', 'w1', { metadata: owned('ReplicaSet', 'web-abc') });
const c = testPod('default/web-3', 'w2', { metadata: owned('ReplicaSet', 'web-abc') });
const pending = testPod('default/web-4');
const placements = {
  w1: { ...EmptyNodePods, pods: [a, b] },
  w2: { ...EmptyNodePods, pods: [c] },
  [Unscheduled]: { ...EmptyNodePods, pods: [pending] },
};
const anchors = podAnchors(placements, 1000);
const services = { 'default/web': { metadata: { name: 'web', namespace: 'default' } } as Service };
const ep = (name: string, ready = true) => ({ addresses: ['10.0.0.1'], conditions: { ready }, targetRef: { kind: 'Pod', name, namespace: 'default' } });
const slices: Record<string, EndpointSlice> = {
  'default/web-x': {
    addressType: 'IPv4',
    metadata: { name: 'web-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    endpoints: [ep('web-1'), ep('web-2', false), ep('web-3'), ep('gone')],
  },
};

describe('podAnchors', () => {
  it('anchors each pod chip at its left middle inside its host', () => {
    const o = podOffset(0, 1);
    expect(anchors.get('default/web-2')).toEqual({ host: 'Node/w1', offset: { x: o.x, y: o.y + Sizes.podHeight / 2 } });
    expect(anchors.get('default/web-4')?.host).toBe('Unscheduled');
  });
});

describe('serviceEdges', () => {
  it('connects a Service to each endpoint pod that is drawn, marking the not ready ones', () => {
    const edges = serviceEdges(services, slices, anchors, false);
    expect(edges.map((e) => `${e.target}:${e.kind}`)).toEqual(['Node/w1:ready', 'Node/w1:notReady', 'Node/w2:ready']);
    expect(edges[0].source).toBe('Service/default/web');
  });

  it('merges the edges into one per node when zoomed out', () => {
    const edges = serviceEdges(services, slices, anchors, true);
    expect(edges.map((e) => [e.target, e.count])).toEqual([
      ['Node/w1', 2],
      ['Node/w2', 1],
    ]);
  });

  it('draws nothing for slices of Services that are not drawn', () => {
    expect(serviceEdges({}, slices, anchors, false)).toEqual([]);
  });
});

describe('ownershipEdges', () => {
  it('chains CronJob → Job → pod and draws StatefulSet and DaemonSet pods, only for drawn owners', () => {
    const meta = (name: string, extra = {}) => ({ metadata: { name, namespace: 'default', ...extra } });
    const job = testPod('default/tick-1', 'w1', { metadata: owned('Job', 'tick-29000') });
    const sts = testPod('default/db-0', 'w2', { metadata: owned('StatefulSet', 'db') });
    const ds = testPod('default/agent-x', 'w2', { metadata: owned('DaemonSet', 'agent') });
    const stray = testPod('default/other-x', 'w1', { metadata: owned('DaemonSet', 'not-drawn') });
    const placed = {
      w1: { ...EmptyNodePods, pods: [job, stray] },
      w2: { ...EmptyNodePods, pods: [sts, ds] },
    };
    const pods = Object.fromEntries([job, sts, ds, stray].map((p) => [`default/${p.metadata!.name}`, p]));
    const edges = ownershipEdges(
      [
        { kind: 'Deployment', objects: {} },
        { kind: 'CronJob', objects: { 'default/tick': meta('tick') } },
      ],
      [
        { kind: 'StatefulSet', objects: { 'default/db': meta('db') } },
        { kind: 'DaemonSet', objects: { 'default/agent': meta('agent') } },
        { kind: 'Job', objects: { 'default/tick-29000': meta('tick-29000', owned('CronJob', 'tick')) } },
      ],
      pods,
      podAnchors(placed, 1000),
      false,
    );
    expect(edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual([
      'CronJob/default/tick->Job/default/tick-29000',
      'DaemonSet/default/agent->Node/w2',
      'Job/default/tick-29000->Node/w1',
      'StatefulSet/default/db->Node/w2',
    ]);
  });

  it('chains Deployment → ReplicaSet → pods from controller ownerReferences', () => {
    const deployments = { 'default/web': { metadata: { name: 'web', namespace: 'default' } } as Deployment };
    const rss = { 'default/web-abc': { metadata: { name: 'web-abc', namespace: 'default', ...owned('Deployment', 'web') } } as ReplicaSet };
    const pods = { 'default/web-1': a, 'default/web-2': b, 'default/web-3': c, 'default/web-4': pending };
    const edges = ownershipEdges([{ kind: 'Deployment', objects: deployments }], [{ kind: 'ReplicaSet', objects: rss }], pods, anchors, false);
    expect(edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'Deployment/default/web->ReplicaSet/default/web-abc',
      'ReplicaSet/default/web-abc->Node/w1',
      'ReplicaSet/default/web-abc->Node/w1',
      'ReplicaSet/default/web-abc->Node/w2',
    ]);
  });
});
