import { describe, expect, it } from 'vitest';
import { makeNode } from '../testing/wrappers';
import { getZoneKey, NodeTree } from './nodeTree';

const zoned = (name: string, zone?: string, region?: string) =>
  makeNode(name, { labels: { ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}), ...(region ? { 'topology.kubernetes.io/region': region } : {}) } });

describe('NodeTree', () => {
  it.each([
    { name: 'no labels', node: zoned('n'), want: '' },
    { name: 'zone only', node: zoned('n', 'z1'), want: ':\x00:z1' },
    { name: 'region and zone', node: zoned('n', 'z1', 'r1'), want: 'r1:\x00:z1' },
  ])('zone key: $name', ({ node, want }) => expect(getZoneKey(node)).toBe(want));

  it('lists nodes round-robin over zones, in the order they joined each zone', () => {
    const t = new NodeTree();
    for (const n of [zoned('a1', 'a'), zoned('a2', 'a'), zoned('a3', 'a'), zoned('b1', 'b'), zoned('c1', 'c'), zoned('c2', 'c')]) t.addNode(n);
    expect(t.list()).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    t.removeNode('b1');
    expect(t.list()).toEqual(['a1', 'c1', 'a2', 'c2', 'a3']);
    expect(t.updateNode(zoned('a1', 'c'))).toBe(true);
    expect(t.list()).toEqual(['a2', 'c1', 'a3', 'c2', 'a1']);
    expect(t.numNodes).toBe(5);
  });
});
