import { describe, expect, it } from 'vitest';
import { ElementCache, podEdge, shapeNode, type PodEdge, type ShapeNode } from './flowElements';

const box = { x: 0, y: 0, width: 10, height: 10 };

describe('ElementCache', () => {
  it('reuses a shape whose box and object did not change, and rebuilds one that moved', () => {
    const cache = new ElementCache<ShapeNode>();
    const first = shapeNode(cache, 'Node/a', 'kubeNode', box, { kind: 'Node', name: 'a' });
    cache.done();
    expect(shapeNode(cache, 'Node/a', 'kubeNode', { ...box }, { kind: 'Node', name: 'a' })).toBe(first);
    cache.done();
    const moved = shapeNode(cache, 'Node/a', 'kubeNode', { ...box, y: 5 }, { kind: 'Node', name: 'a' });
    expect(moved).not.toBe(first);
    expect(moved.position).toEqual({ x: 0, y: 5 });
  });

  it('forgets elements not asked for in the last pass', () => {
    const cache = new ElementCache<PodEdge>();
    const spec = { id: 'e', source: 's', target: 't', offset: { x: 1, y: 2 }, kind: 'ready' as const };
    const first = podEdge(cache, spec);
    cache.done();
    cache.done();
    expect(podEdge(cache, spec)).not.toBe(first);
  });
});
