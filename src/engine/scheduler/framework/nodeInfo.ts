import type { Node, Taint } from 'kubernetes-types/core/v1';
import { podWithAffinity, podWithRequiredAntiAffinity } from './affinityTerm';
import type { NodeTable } from './nodeTable';
import type { HostPort, PodInfo } from './podInfo';
import { addResourceList, newResource, type Resource } from './podResources';

/** ImageStateSummary is framework.ImageStateSummary: an image's size and how many nodes have it. */
export interface ImageStateSummary {
  size: number;
  /** nodes is shared with the cache's image index, so numNodes stays current without copies. */
  readonly nodes: Set<string>;
}

const noLabels: Record<string, string> = Object.freeze({}) as Record<string, string>;
const noTaints: Taint[] = [];

/**
 * NodeInfo is framework.NodeInfo: a node, the pods on it (assumed ones included) and the running
 * sums the plugins read. The cache updates it incrementally on every watch event and assume, so
 * a scheduling cycle never rescans pods.
 */
export class NodeInfo {
  // Flat copies of allocatable and requested, for Filter and Score node by node; the cache's
  // NodeTable mirrors them for the plugins' batch loops.
  allocMilliCPU = 0;
  allocMemory = 0;
  allocEphemeralStorage = 0;
  allowedPodNumber = 0;
  reqMilliCPU = 0;
  reqMemory = 0;
  reqEphemeralStorage = 0;
  podCount = 0;
  /** nonZeroMilliCPU / nonZeroMemory sum requests with the scoring defaults applied. */
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  // Hot-path copies of node fields, read by the filters of every cycle.
  unschedulable = false;
  taints: Taint[] = noTaints;
  labels: Record<string, string> = noLabels;
  node: Node | undefined;
  readonly pods: PodInfo[] = [];
  /** podsWithAffinity and podsWithRequiredAntiAffinity are the pods InterPodAffinity looks at (NodeInfo.PodsWithAffinity etc.). */
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  private readonly podIndex = new Map<string, number>();
  /** requested sums PodRequests of the pods on the node. */
  readonly requested: Resource = newResource();
  allocatable: Resource = newResource();
  /** usedPorts maps "protocol/port" to the host IPs using it, with counts. */
  readonly usedPorts = new Map<string, Map<string, number>>();
  imageStates: Map<string, ImageStateSummary> = new Map();
  /** generation increases on every change, so views can tell whether they are stale. */
  generation = 0;

  /**
   * index is a small integer the cache gives each node, reused after the node is gone, so that
   * per-node counters can be arrays instead of maps keyed by name. table, for the cache's own
   * NodeInfos, receives the numeric fields at that index on every change (clones have none).
   */
  constructor(
    readonly name: string,
    readonly index = -1,
    private readonly table?: NodeTable,
  ) {}

  /** setNode records a new version of the node object. */
  setNode(node: Node | undefined): void {
    this.node = node;
    this.labels = (node?.metadata?.labels as Record<string, string> | undefined) ?? noLabels;
    this.taints = node?.spec?.taints ?? noTaints;
    this.unschedulable = !!node?.spec?.unschedulable;
    const alloc = newResource();
    addResourceList(alloc, node?.status?.allocatable);
    this.allocatable = alloc;
    this.allocMilliCPU = alloc.milliCPU;
    this.allocMemory = alloc.memory;
    this.allocEphemeralStorage = alloc.ephemeralStorage;
    this.allowedPodNumber = alloc.allowedPodNumber;
    this.generation++;
    this.table?.write(this);
  }

  hasPod(key: string): boolean {
    return this.podIndex.has(key);
  }

  addPod(pi: PodInfo): void {
    this.podIndex.set(pi.key, this.pods.length);
    this.pods.push(pi);
    if (podWithAffinity(pi.pod)) {
      this.podsWithAffinity.push(pi);
      if (podWithRequiredAntiAffinity(pi.pod)) this.podsWithRequiredAntiAffinity.push(pi);
    }
    this.update(pi, 1);
  }

  /** replacePod swaps in a new PodInfo for a pod on the node whose requests and ports are unchanged. */
  replacePod(pi: PodInfo): boolean {
    const i = this.podIndex.get(pi.key);
    if (i === undefined) return false;
    this.pods[i] = pi;
    // Affinity is immutable on a pod: the pod keeps its place in these lists.
    if (this.podsWithAffinity.length > 0) {
      replaceByKey(this.podsWithAffinity, pi);
      replaceByKey(this.podsWithRequiredAntiAffinity, pi);
    }
    this.generation++;
    return true;
  }

  /** removePod removes a pod by key in O(1) (swap with the last), reporting whether it was there. */
  removePod(key: string): PodInfo | undefined {
    const i = this.podIndex.get(key);
    if (i === undefined) return undefined;
    const pi = this.pods[i];
    const last = this.pods.pop()!;
    if (last !== pi) {
      this.pods[i] = last;
      this.podIndex.set(last.key, i);
    }
    this.podIndex.delete(key);
    if (this.podsWithAffinity.length > 0) {
      removeByKey(this.podsWithAffinity, key);
      removeByKey(this.podsWithRequiredAntiAffinity, key);
    }
    this.update(pi, -1);
    return pi;
  }

  /** clone copies what filters read, for what-if runs (preemption, nominated pods, explain). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name, this.index);
    c.node = this.node;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.allocMilliCPU = this.allocMilliCPU;
    c.allocMemory = this.allocMemory;
    c.allocEphemeralStorage = this.allocEphemeralStorage;
    c.allowedPodNumber = this.allowedPodNumber;
    c.imageStates = this.imageStates;
    for (const pi of this.pods) c.addPod(pi);
    c.generation = this.generation;
    return c;
  }

  /** checkPortConflict is HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every address. */
  checkPortConflict(p: HostPort): boolean {
    const ips = this.usedPorts.get(`${p.protocol}/${p.port}`);
    if (!ips || ips.size === 0) return false;
    if (p.ip === '0.0.0.0') return true;
    return ips.has(p.ip) || ips.has('0.0.0.0');
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    const r = pi.requests;
    const q = this.requested;
    q.milliCPU += sign * r.milliCPU;
    q.memory += sign * r.memory;
    q.ephemeralStorage += sign * r.ephemeralStorage;
    this.reqMilliCPU = q.milliCPU;
    this.reqMemory = q.memory;
    this.reqEphemeralStorage = q.ephemeralStorage;
    this.podCount = this.pods.length;
    if (r.scalar) {
      if (!q.scalar) q.scalar = new Map();
      for (const [k, v] of r.scalar) q.scalar.set(k, (q.scalar.get(k) ?? 0) + sign * v);
    }
    this.nonZeroMilliCPU += sign * pi.nonZeroMilliCPU;
    this.nonZeroMemory += sign * pi.nonZeroMemory;
    for (const p of pi.hostPorts) {
      const k = `${p.protocol}/${p.port}`;
      let ips = this.usedPorts.get(k);
      if (!ips) this.usedPorts.set(k, (ips = new Map()));
      const n = (ips.get(p.ip) ?? 0) + sign;
      if (n > 0) ips.set(p.ip, n);
      else ips.delete(p.ip);
      if (ips.size === 0) this.usedPorts.delete(k);
    }
    this.generation++;
    this.table?.write(this);
  }
}

/** replaceByKey swaps in pi for the pod with the same key, if the list has it. */
function replaceByKey(list: PodInfo[], pi: PodInfo): void {
  const i = list.findIndex((p) => p.key === pi.key);
  if (i >= 0) list[i] = pi;
}

/** removeByKey removes the pod with key, if the list has it; the lists are short, so a scan does. */
function removeByKey(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key);
  if (i >= 0) list.splice(i, 1);
}
