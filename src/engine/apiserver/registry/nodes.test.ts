import { describe, it, expect } from 'vitest';
import type { KubeObject, StoredObject } from '../../api/object';
import { nodesStrategy } from './nodes';
import { createThrough, putObject, testContext, updateThrough } from './coreTesting';
import { Resources } from './resources';

const node = (spec: Record<string, unknown> = {}, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-1' },
  spec,
  ...(status ? { status } : {}),
});

describe('nodes', () => {
  it('defaults allocatable from capacity and mirrors podCIDR', () => {
    const { obj, errors } = createThrough(nodesStrategy, node({ podCIDR: '10.244.1.0/24' }, { capacity: { cpu: '4', memory: '8192Mi', pods: '110' } }), testContext());
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    expect((obj.status as { allocatable: unknown }).allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['bad taint effect', { taints: [{ key: 'k', effect: 'Never' }] }, 'metadata.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ['taint without effect', { taints: [{ key: 'k' }] }, 'metadata.taints[0].effect: Required value'],
    [
      'duplicate taint',
      { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] },
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"v", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
    ],
    ['bad CIDR', { podCIDRs: ['10.0.0.0/33'] }, 'spec.podCIDRs[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
  ])('%s', (_n, spec, message) => expect(createThrough(nodesStrategy, node(spec), testContext()).errors).toContain(message));

  it('forbids changing an assigned podCIDR but allows setting one', () => {
    const ctx = testContext();
    const bare = putObject(ctx.store, Resources.nodes, createThrough(nodesStrategy, node(), ctx).obj);
    const set = { ...structuredClone(bare), spec: { podCIDR: '10.244.0.0/24' } } as StoredObject;
    expect(updateThrough(nodesStrategy, set, bare, ctx).errors).toEqual([]);
    const ctx2 = testContext();
    const old = putObject(ctx2.store, Resources.nodes, createThrough(nodesStrategy, node({ podCIDR: '10.244.0.0/24' }), ctx2).obj);
    const next = { ...structuredClone(old), spec: { podCIDR: '10.244.9.0/24', podCIDRs: ['10.244.9.0/24'] } } as StoredObject;
    expect(updateThrough(nodesStrategy, next, old, ctx2).errors).toEqual(['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
  });

  it('selects by spec.unschedulable', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.nodes, createThrough(nodesStrategy, node({ unschedulable: true }), ctx).obj);
    expect(nodesStrategy.fieldSelectors!['spec.unschedulable'](old)).toBe('true');
  });

  it('keeps status on a spec update and spec on a status update', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.nodes, createThrough(nodesStrategy, node({}, { capacity: { cpu: '2' } }), ctx).obj);
    const next = { ...structuredClone(old), status: { capacity: { cpu: '8' } } } as StoredObject;
    expect((updateThrough(nodesStrategy, next, old, ctx).obj.status as { capacity: unknown }).capacity).toEqual({ cpu: '2' });
    const st = { ...structuredClone(old), spec: { unschedulable: true }, status: { capacity: { cpu: '8' } } } as StoredObject;
    nodesStrategy.status!.prepareForUpdate(st, old, ctx);
    expect(st.spec).toEqual({});
    expect(st.status).toEqual({ capacity: { cpu: '8' }, allocatable: { cpu: '8' } });
  });
});
