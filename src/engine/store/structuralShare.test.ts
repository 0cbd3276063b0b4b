import { describe, expect, it } from 'vitest';
import { LeafInterner } from './leafInterner';
import { shareStructure } from './structuralShare';

describe('shareStructure', () => {
  it('returns equal subtrees of ref by identity and new ones for what changed', () => {
    const ref = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] }, status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } };
    const next = structuredClone(ref);
    next.status.conditions[0].status = 'True';
    const out = shareStructure(next, ref, { freeze: false });
    expect(out).toEqual(next);
    expect(out.spec).toBe(ref.spec);
    expect(out.status).not.toBe(ref.status);
    expect(out.status.conditions).not.toBe(ref.status.conditions);
    expect(shareStructure(structuredClone(ref), ref, { freeze: false })).toBe(ref);
  });

  it('counts undefined members as absent and tells a member that went away from an equal object', () => {
    const ref = { a: 1, b: 2 };
    expect(shareStructure({ a: 1, b: 2, c: undefined }, ref, { freeze: false })).toBe(ref);
    const fewer = shareStructure({ a: 1 }, ref, { freeze: false });
    expect(fewer).toEqual({ a: 1 });
    expect(fewer).not.toBe(ref);
    expect(shareStructure([1, 2], [1, 2, 3], { freeze: false })).toEqual([1, 2]);
  });

  it('keeps the nodes it is given, swapping in equal subtrees of ref where they sit', () => {
    const ref = { labels: { app: 'web' }, list: [1, 2] };
    const next = { labels: { app: 'web' }, list: [1, 2, 3], other: ['x'] };
    const out = shareStructure(next, ref, { freeze: false });
    expect(out).toBe(next);
    expect(out.labels).toBe(ref.labels);
    expect(out).toEqual({ labels: { app: 'web' }, list: [1, 2, 3], other: ['x'] });
    expect(shareStructure(next, ['not', 'an', 'object'], { freeze: false })).toBe(next);
  });

  it('hands out one instance of equal small all-scalar objects across trees, when given an interner', () => {
    const leaves = new LeafInterner();
    const cond = (at: string) => ({ type: 'Ready', status: 'True', lastTransitionTime: at });
    const a = shareStructure({ conditions: [cond('t1')], requests: { cpu: '1' }, nested: { x: { y: 1 } } }, undefined, { freeze: false, leaves });
    const b = shareStructure({ conditions: [cond('t1')], requests: { cpu: '1' }, nested: { x: { y: 1 } } }, undefined, { freeze: false, leaves });
    expect(b.conditions[0]).toBe(a.conditions[0]);
    expect(b.requests).toBe(a.requests);
    expect(b.nested.x).toBe(a.nested.x);
    expect(b.nested).not.toBe(a.nested);
    expect(shareStructure({ c: cond('t2') }, undefined, { freeze: false, leaves }).c).not.toBe(a.conditions[0]);
    expect(shareStructure({ n: { v: 1 } }, undefined, { freeze: false, leaves }).n).not.toBe(shareStructure({ n: { v: '1' } }, undefined, { freeze: false, leaves }).n);
  });

  it('freezes every node it keeps when asked, and leaves frozen nodes as they are', () => {
    const next = { metadata: { labels: { app: 'web' } }, items: [{ n: 1 }], fixed: Object.freeze({ spec: { a: 1 }, b: 2 }) };
    const ref = { fixed: { spec: { a: 1 } } };
    const out = shareStructure(next, ref, { freeze: true });
    expect(Object.isFrozen(out) && Object.isFrozen(out.metadata.labels) && Object.isFrozen(out.items) && Object.isFrozen(out.items[0])).toBe(true);
    expect(out.fixed).toBe(next.fixed);
    expect(out.fixed.spec).not.toBe(ref.fixed.spec);
  });
});
