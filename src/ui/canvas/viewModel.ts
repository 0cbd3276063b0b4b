import type { Container, ContainerStatus, Node, Pod, Taint } from 'kubernetes-types/core/v1';
import { printPod } from '../../engine/apiserver/table/pods';
import { podRequests } from '../../engine/scheduler/framework/podResources';
import { parseQuantity, parseQuantityMilli } from '../../engine/apiserver/validation/quantity';

// What the canvas draws, as pure functions of API objects. Objects from the watch feed are never
// mutated, so each view is cached per object: a pod that did not change costs nothing to redraw.

/** ConfigMirrorAnnotation marks the API's mirror of a static pod (kubetypes.ConfigMirrorAnnotationKey). */
export const ConfigMirrorAnnotation = 'kubernetes.io/config.mirror';
const roleLabelPrefix = 'node-role.kubernetes.io/';

/** ContainerKind tells init containers, sidecars (init containers with restartPolicy Always) and app containers apart. */
export type ContainerKind = 'init' | 'sidecar' | 'app';

/** ContainerState is the state a container chip shows. */
export type ContainerState = 'running' | 'waiting' | 'terminated' | 'unknown';

/** ContainerView is one container chip. */
export interface ContainerView {
  name: string;
  kind: ContainerKind;
  state: ContainerState;
  ready: boolean;
  restarts: number;
  /** reason is the waiting or terminated reason (ContainerCreating, CrashLoopBackOff, Completed…). */
  reason?: string;
}

/** PodView is what a pod chip shows. */
export interface PodView {
  key: string;
  name: string;
  namespace: string;
  phase: string;
  /** status is kubectl's STATUS column (Running, ContainerCreating, Terminating…). */
  status: string;
  /** ready is kubectl's READY column ("1/2"). */
  ready: string;
  restarts: number;
  nodeName: string;
  containers: ContainerView[];
  /** component is the static pod's component label (kube-apiserver, etcd…) for mirror pods. */
  component?: string;
}

/** NodeView is what a node card shows apart from its pods. */
export interface NodeView {
  name: string;
  roles: string[];
  status: 'Ready' | 'NotReady' | 'Unknown';
  unschedulable: boolean;
  /** pressure lists the conditions other than Ready that are True (MemoryPressure…). */
  pressure: string[];
  taints: string[];
  kubeletVersion: string;
  kubeProxyVersion: string;
  containerRuntimeVersion: string;
  allocatable: { milliCPU: number; memory: number; pods: number };
}

/** Usage is requested against allocatable for one resource. */
export interface Usage {
  used: number;
  allocatable: number;
}

/** NodeUsage is the sum of the requests of a node's non-terminated pods against status.allocatable. */
export interface NodeUsage {
  cpu: Usage;
  memory: Usage;
  pods: Usage;
}

const podViews = new WeakMap<Pod, PodView>();
const nodeViews = new WeakMap<Node, NodeView>();

/** podKey is the informer key of a pod ("namespace/name"). */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** isMirrorPod reports whether the pod is the API's mirror of a static pod. */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata?.annotations?.[ConfigMirrorAnnotation] !== undefined;
}

/** isTerminated reports whether the pod has finished (its requests no longer count on the node). */
function isTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function containerView(c: Container, kind: ContainerKind, s: ContainerStatus | undefined): ContainerView {
  const st = s?.state;
  const state: ContainerState = st?.running ? 'running' : st?.waiting ? 'waiting' : st?.terminated ? 'terminated' : 'unknown';
  return {
    name: c.name,
    kind,
    state,
    ready: s?.ready ?? false,
    restarts: s?.restartCount ?? 0,
    reason: st?.waiting?.reason ?? st?.terminated?.reason,
  };
}

/** containerViews lists init containers and sidecars first, in spec order, then the app containers. */
function containerViews(pod: Pod): ContainerView[] {
  const initStatuses = new Map((pod.status?.initContainerStatuses ?? []).map((s) => [s.name, s]));
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => containerView(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', initStatuses.get(c.name))),
    ...(pod.spec?.containers ?? []).map((c) => containerView(c, 'app', statuses.get(c.name))),
  ];
}

/** podView renders a pod for the canvas, once per pod object. */
export function podView(pod: Pod): PodView {
  let v = podViews.get(pod);
  if (v) return v;
  const cells = printPod(pod, 0);
  const containers = containerViews(pod);
  v = {
    key: podKey(pod),
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    phase: pod.status?.phase ?? 'Pending',
    status: String(cells[2]),
    ready: String(cells[1]),
    // kubectl's RESTARTS: app containers and sidecars (completed init containers do not restart).
    restarts: containers.reduce((n, c) => (c.kind === 'init' ? n : n + c.restarts), 0),
    nodeName: pod.spec?.nodeName ?? '',
    containers,
    component: isMirrorPod(pod) ? (pod.metadata?.labels?.component ?? pod.metadata?.name) : undefined,
  };
  podViews.set(pod, v);
  return v;
}

/** schedulingMessage is why a pod waits for a node: its PodScheduled condition's message. */
export function schedulingMessage(pod: Pod): string {
  const c = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
  if (c?.status === 'False') return c.message ? `${c.reason ?? 'Unschedulable'}: ${c.message}` : (c.reason ?? 'Unschedulable');
  return 'Waiting for the scheduler';
}

/** formatTaint renders a taint as kubectl does: key=value:Effect. */
export function formatTaint(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** nodeView renders a node for the canvas, once per node object. */
export function nodeView(node: Node): NodeView {
  let v = nodeViews.get(node);
  if (v) return v;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const info = node.status?.nodeInfo;
  const alloc = node.status?.allocatable ?? {};
  v = {
    name: node.metadata?.name ?? '',
    roles: Object.keys(node.metadata?.labels ?? {})
      .filter((l) => l.startsWith(roleLabelPrefix))
      .map((l) => l.slice(roleLabelPrefix.length)),
    status: ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown',
    unschedulable: node.spec?.unschedulable === true,
    pressure: (node.status?.conditions ?? []).filter((c) => c.type !== 'Ready' && c.status === 'True').map((c) => c.type),
    taints: (node.spec?.taints ?? []).map(formatTaint),
    kubeletVersion: info?.kubeletVersion ?? '',
    kubeProxyVersion: info?.kubeProxyVersion ?? '',
    containerRuntimeVersion: info?.containerRuntimeVersion ?? '',
    allocatable: {
      milliCPU: parseQuantityMilli(alloc.cpu) ?? 0,
      memory: parseQuantity(alloc.memory) ?? 0,
      pods: parseQuantity(alloc.pods) ?? 0,
    },
  };
  nodeViews.set(node, v);
  return v;
}

/** Requests is the sum of pod requests on a node, and how many pods count. */
export interface Requests {
  milliCPU: number;
  memory: number;
  pods: number;
}

/** NoRequests is a node without pods. */
export const NoRequests: Requests = Object.freeze({ milliCPU: 0, memory: 0, pods: 0 });

/**
 * requestsOf is a pod's share of its node's requests: undefined once it has terminated, as
 * `kubectl describe node` counts it; known (the share already counted for it) is returned as is.
 */
export function requestsOf(pod: Pod, known?: Requests): Requests | undefined {
  if (isTerminated(pod)) return undefined;
  if (known) return known;
  const r = podRequests(pod);
  return { milliCPU: r.milliCPU, memory: r.memory, pods: 1 };
}

/** nodeUsage sets a node's pod requests against its status.allocatable. */
export function nodeUsage(node: NodeView, requests: Requests): NodeUsage {
  return {
    cpu: { used: requests.milliCPU, allocatable: node.allocatable.milliCPU },
    memory: { used: requests.memory, allocatable: node.allocatable.memory },
    pods: { used: requests.pods, allocatable: node.allocatable.pods },
  };
}

/** formatCPU renders millicores as kubectl does: "250m", or whole cores "2". */
export function formatCPU(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** formatMemory renders bytes in the largest binary unit that keeps one decimal readable. */
export function formatMemory(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)}${units[i]}`;
}

/** fraction is used/allocatable clamped to [0, 1] (0 when nothing is allocatable). */
export function fraction(u: Usage): number {
  return u.allocatable > 0 ? Math.min(1, u.used / u.allocatable) : 0;
}

/** phaseCounts counts pods by the phase the canvas colours them with (Terminating apart). */
export function phaseCounts(pods: readonly Pod[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of pods) {
    const phase = p.metadata?.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Pending');
    counts[phase] = (counts[phase] ?? 0) + 1;
  }
  return counts;
}

const byName = new Intl.Collator(undefined, { numeric: true }).compare;

/** orderNodes lists node names control plane first, then by name with numbers in order (worker-2 before worker-10). */
export function orderNodes(nodes: readonly Node[]): string[] {
  const cp: string[] = [];
  const others: string[] = [];
  for (const n of nodes) (nodeView(n).roles.includes('control-plane') ? cp : others).push(n.metadata?.name ?? '');
  return [...cp.sort(byName), ...others.sort(byName)];
}

/** podAttributes are the data attributes every drawn pod carries (tests and styles find pods by them). */
export function podAttributes(v: PodView): Record<string, string> {
  return {
    'data-kind': 'Pod',
    'data-name': v.name,
    'data-namespace': v.namespace,
    'data-phase': v.phase,
    'data-status': v.status,
    'data-node': v.nodeName,
  };
}

/**
 * shortName fits a name into max characters with an ellipsis in the middle, keeping the end that
 * tells pods of one ReplicaSet apart ("web-554d…989-6f45d"). Cutting in code rather than with CSS
 * text-overflow spares a clip per chip, which every frame of a pan would otherwise pay for.
 */
export function shortName(name: string, max: number): string {
  if (name.length <= max) return name;
  const tail = Math.ceil((max - 1) / 2);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(name.length - tail)}`;
}
