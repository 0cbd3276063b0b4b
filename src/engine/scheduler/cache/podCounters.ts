import { matches, type Selector } from '../../api/labels';
import type { MatchingPodCounts } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import type { PodInfo } from '../framework/podInfo';
import type { TopologyIndex } from './topologyIndex';

/** selectorKey renders a selector canonically, so equal selectors share one counter. */
export function selectorKey(sel: Selector): string {
  if (sel.nothing) return '\x03';
  // Plain loops and no sorting of single items: PodTopologySpread keys a fresh selector every cycle.
  const parts: string[] = [];
  for (const r of sel.requirements) {
    const values = r.values.length > 1 ? [...r.values].sort().join('\x01') : (r.values[0] ?? '');
    parts.push(`${r.key}\x00${r.op}\x00${values}`);
  }
  return parts.length > 1 ? parts.sort().join('\x02') : (parts[0] ?? '');
}

/**
 * SelectorCounter counts the pods of one namespace (or of all) matching one selector, per node and
 * per topology value; terminating pods only when countTerminating (InterPodAffinity counts them,
 * PodTopologySpread does not). Both plugins ask for these counts every cycle; keeping them up to
 * date on every pod add and remove replaces upstream's walk over all nodes and their pods.
 */
export class SelectorCounter implements MatchingPodCounts {
  /** perNode is indexed by NodeInfo.index. */
  private readonly perNode: number[] = [];
  /** byTopo caches, per topology key, the counts per value id of the index they were built for. */
  private readonly byTopo = new Map<string, { index: TopologyIndex; counts: Float64Array }>();
  lastUsed = 0;

  constructor(
    /** namespace undefined counts every namespace. */
    readonly namespace: string | undefined,
    readonly selector: Selector,
    readonly countTerminating: boolean,
    private readonly nodeAt: (index: number) => NodeInfo | undefined,
  ) {}

  onNode(index: number): number {
    return this.perNode[index] ?? 0;
  }

  forEachNode(fn: (node: NodeInfo, count: number) => void): void {
    for (let i = 0; i < this.perNode.length; i++) {
      const c = this.perNode[i];
      if (!c) continue;
      const ni = this.nodeAt(i);
      if (ni?.node) fn(ni, c);
    }
  }

  countsByTopology(index: TopologyIndex): ArrayLike<number> {
    let m = this.byTopo.get(index.key);
    if (m && m.index === index) return m.counts;
    m = { index, counts: new Float64Array(index.values.length) };
    // Pods on nodes the cache has no Node object for are outside the snapshot: skip them.
    for (let i = 0; i < this.perNode.length; i++) {
      const c = this.perNode[i];
      const id = i < index.ids.length ? index.ids[i] : -1;
      if (c && id >= 0) m.counts[id] += c;
    }
    this.byTopo.set(index.key, m);
    return m.counts;
  }

  /** update adds (sign 1) or removes (sign -1) a pod on a node, if the selector counts it. */
  update(pi: PodInfo, node: NodeInfo, sign: 1 | -1): void {
    if ((pi.terminating && !this.countTerminating) || !matches(this.selector, pi.pod.metadata?.labels)) return;
    const i = node.index;
    while (this.perNode.length <= i) this.perNode.push(0);
    this.perNode[i] += sign;
    if (this.byTopo.size === 0) return;
    for (const m of this.byTopo.values()) {
      const id = m.index.valueId(node);
      if (id >= 0) m.counts[id] += sign;
    }
  }
}

/** allNamespaces keys the counters that count pods of every namespace. */
const allNamespaces = undefined;

/** maxCounters bounds memory: the least recently used counters are dropped past it. */
const maxCounters = 512;

/** PodCounters owns the SelectorCounters of a cache, created on first use and kept current. */
export class PodCounters {
  /** byNamespace holds the counters per namespace, those of every namespace under allNamespaces. */
  private readonly byNamespace = new Map<string | undefined, Map<string, SelectorCounter>>();
  /** bySelector finds the counter of a selector object seen before without rebuilding its key. */
  private bySelector = new WeakMap<Selector, SelectorCounter>();
  private size = 0;
  private clock = 0;

  constructor(
    private readonly nodeAt: (index: number) => NodeInfo | undefined,
    /** seed visits every (pod, node) the cache holds, to fill a new counter. */
    private readonly seed: (fn: (pi: PodInfo, node: NodeInfo) => void) => void,
  ) {}

  get(namespace: string | undefined, selector: Selector, countTerminating = false): SelectorCounter {
    let c = this.bySelector.get(selector);
    if (c && c.namespace === namespace && c.countTerminating === countTerminating) {
      c.lastUsed = ++this.clock;
      return c;
    }
    let ns = this.byNamespace.get(namespace);
    if (!ns) this.byNamespace.set(namespace, (ns = new Map()));
    const key = countTerminating ? '\x04' + selectorKey(selector) : selectorKey(selector);
    c = ns.get(key);
    if (!c) {
      if (this.size >= maxCounters) this.evictOldest();
      const counter = new SelectorCounter(namespace, selector, countTerminating, this.nodeAt);
      this.seed((pi, node) => {
        if (namespace === undefined || pi.namespace === namespace) counter.update(pi, node, 1);
      });
      ns.set(key, counter);
      this.size++;
      c = counter;
    }
    this.bySelector.set(selector, c);
    c.lastUsed = ++this.clock;
    return c;
  }

  podAdded(pi: PodInfo, node: NodeInfo): void {
    this.update(pi, node, 1);
  }

  podRemoved(pi: PodInfo, node: NodeInfo): void {
    this.update(pi, node, -1);
  }

  private update(pi: PodInfo, node: NodeInfo, sign: 1 | -1): void {
    const ns = this.byNamespace.get(pi.namespace);
    if (ns) for (const c of ns.values()) c.update(pi, node, sign);
    const all = this.byNamespace.get(allNamespaces);
    if (all) for (const c of all.values()) c.update(pi, node, sign);
  }

  private evictOldest(): void {
    let oldest: { ns: Map<string, SelectorCounter>; key: string; used: number } | undefined;
    for (const ns of this.byNamespace.values()) {
      for (const [key, c] of ns) if (!oldest || c.lastUsed < oldest.used) oldest = { ns, key, used: c.lastUsed };
    }
    if (oldest) {
      oldest.ns.delete(oldest.key);
      // Selector objects may still point at the evicted counter; start the identity map afresh.
      this.bySelector = new WeakMap();
      this.size--;
    }
  }
}
