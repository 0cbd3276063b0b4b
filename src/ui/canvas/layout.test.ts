import { describe, expect, it } from 'vitest';
import { componentOffset, createGridLayout, gridColumns, laneOffset, lanePods, nodeHeight, podOffset, Sizes, unscheduledLane } from './layout';

describe('node sizes and pod offsets', () => {
  it('gives an empty node one row of pod space, and one more row per three pods', () => {
    const one = nodeHeight(0, 0);
    expect(nodeHeight(0, 3)).toBe(one);
    expect(nodeHeight(0, 4)).toBe(one + Sizes.podHeight + Sizes.podGap);
  });

  it('puts pods below the static pods and the write path', () => {
    expect(podOffset(0, 0)).toEqual({ x: Sizes.pad, y: Sizes.nodeHeader });
    const belowComponents = podOffset(4, 0).y;
    expect(belowComponents).toBeGreaterThan(componentOffset(3).y + Sizes.componentHeight);
    expect(podOffset(0, 4)).toEqual({ x: Sizes.pad + Sizes.podWidth + Sizes.podGap, y: Sizes.nodeHeader + Sizes.podHeight + Sizes.podGap });
  });

  it('places every pod chip inside its node', () => {
    for (const [components, pods] of [[0, 1], [4, 10], [2, 110]]) {
      const last = podOffset(components, pods - 1);
      expect(last.y + Sizes.podHeight).toBeLessThanOrEqual(nodeHeight(components, pods));
      expect(last.x + Sizes.podWidth).toBeLessThanOrEqual(Sizes.nodeWidth);
    }
  });
});

describe('grid layout', () => {
  it.each([
    [1, 1],
    [4, 2],
    [5, 4],
    [500, 32],
  ])('lays %i nodes in %i columns', (n, cols) => {
    expect(gridColumns(n)).toBe(cols);
  });

  it('makes a row as tall as its tallest node', () => {
    const layout = createGridLayout();
    const boxes = layout([
      { name: 'a', components: 0, pods: 10 },
      { name: 'b', components: 0, pods: 0 },
      { name: 'c', components: 0, pods: 0 },
    ]);
    expect(boxes.get('b')!.x).toBe(Sizes.nodeWidth + Sizes.gridGap);
    expect(boxes.get('c')!.y).toBe(nodeHeight(0, 10) + Sizes.gridGap);
  });

  it('hands back the same box objects for nodes whose place did not change', () => {
    const layout = createGridLayout();
    const nodes = ['a', 'b', 'c', 'd'].map((name) => ({ name, components: 0, pods: 1 }));
    const first = layout(nodes);
    const second = layout(nodes.map((n) => (n.name === 'd' ? { ...n, pods: 2 } : n)));
    for (const name of ['a', 'b', 'c', 'd']) expect(second.get(name)).toBe(first.get(name));
    const third = layout(nodes.map((n) => (n.name === 'a' ? { ...n, pods: 30 } : n)));
    expect(third.get('a')).not.toBe(first.get('a'));
    expect(third.get('b')).toBe(first.get('b'));
    expect(third.get('c')!.y).toBeGreaterThan(first.get('c')!.y);
  });
});

describe('unscheduled lane', () => {
  it('grows upwards so the node grid never moves', () => {
    const small = unscheduledLane(4, 0);
    const big = unscheduledLane(4, 20);
    expect(small.y + small.height).toBe(big.y + big.height);
    expect(big.height).toBeGreaterThan(small.height);
  });

  it.each([1, 20, 80, 120])('fits %i chips within its box', (n) => {
    const lane = unscheduledLane(4, n);
    const last = laneOffset(lane.width, n - 1);
    expect(last.x + Sizes.laneChipWidth).toBeLessThanOrEqual(lane.width);
    expect(last.y + Sizes.laneChipHeight).toBeLessThanOrEqual(lane.height);
  });

  it('grows wider rather than only taller when many pods wait', () => {
    const lane = unscheduledLane(4, 120);
    expect(lane.width).toBeGreaterThan(unscheduledLane(4, 1).width);
    expect(lane.width).toBeGreaterThan(lane.height);
  });

  it('draws at most the cap, with a row to count the rest', () => {
    expect(lanePods(5000)).toBe(Sizes.laneChipCap);
    expect(unscheduledLane(4, 5000).height).toBe(unscheduledLane(4, Sizes.laneChipCap).height + Sizes.laneChipHeight + Sizes.podGap);
  });
});
