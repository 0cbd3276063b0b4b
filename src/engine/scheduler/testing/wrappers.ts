import type { Affinity, Container, Node, Pod, Taint, Toleration, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { SchedulerCache } from '../cache/cache';
import { CycleState } from '../framework/cycleState';
import type { WorkloadListers } from '../framework/interface';
import { newPodInfo } from '../framework/podInfo';
import { FitError } from '../framework/fitError';
import { ScheduleAlgorithm } from '../framework/schedulePod';
import { Status } from '../framework/status';
import { newFramework } from '../plugins/registry';
import { Rng } from '../../sim/rng';

// Test builders in the spirit of pkg/scheduler/testing/wrappers.go (st.MakePod, st.MakeNode).

/** NodeOptions describe a test node. */
export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extra?: Record<string, string>;
}

/** makeNode builds a Ready node with allocatable resources and the hostname label. */
export function makeNode(name: string, o: NodeOptions = {}): Node {
  const allocatable: Record<string, string> = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable, capacity: allocatable, images: o.images, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** PodOptions describe a test pod. */
export interface PodOptions {
  namespace?: string;
  cpu?: string;
  memory?: string;
  nodeName?: string;
  labels?: Record<string, string>;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  priority?: number;
  hostPorts?: number[];
  containers?: Container[];
  initContainers?: Container[];
  overhead?: Record<string, string>;
  topologySpreadConstraints?: TopologySpreadConstraint[];
  affinity?: Affinity;
  ownerReplicaSet?: string;
  preemptionPolicy?: string;
  schedulerName?: string;
  image?: string;
  creationTimestamp?: string;
  uid?: string;
}

/** makePod builds a pod with one container requesting cpu and memory. */
export function makePod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const containers: Container[] = o.containers ?? [
    {
      name: 'app',
      image: o.image ?? 'nginx',
      resources: Object.keys(requests).length ? { requests } : {},
      ports: o.hostPorts?.map((p) => ({ containerPort: p, hostPort: p, protocol: 'TCP' })),
    },
  ];
  const namespace = o.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: o.uid ?? `uid-${name}`,
      resourceVersion: '1',
      labels: o.labels,
      creationTimestamp: o.creationTimestamp ?? '2025-01-01T00:00:00Z',
      ownerReferences: o.ownerReplicaSet
        ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.ownerReplicaSet, uid: `uid-${o.ownerReplicaSet}`, controller: true }]
        : undefined,
    },
    spec: {
      containers,
      initContainers: o.initContainers,
      nodeName: o.nodeName,
      tolerations: o.tolerations,
      nodeSelector: o.nodeSelector,
      priority: o.priority,
      overhead: o.overhead,
      topologySpreadConstraints: o.topologySpreadConstraints,
      affinity: o.affinity,
      preemptionPolicy: o.preemptionPolicy,
      schedulerName: o.schedulerName ?? 'default-scheduler',
    },
    status: { phase: o.nodeName ? 'Running' : 'Pending' },
  };
}

/** controlPlaneTaint is kubeadm's taint on control-plane nodes. */
export const controlPlaneTaint: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** newCache builds a scheduler cache holding nodes and the assigned pods among pods. */
export function newCache(nodes: readonly Node[], pods: readonly Pod[] = [], listers?: WorkloadListers): SchedulerCache {
  const c = new SchedulerCache(listers);
  for (const n of nodes) c.addNode(n);
  for (const p of pods) if (p.spec?.nodeName) c.addPod(p);
  return c;
}

/** newState starts a cycle for pod over a cache. */
export function newState(pod: Pod, cache: SchedulerCache): CycleState {
  return new CycleState(newPodInfo(pod), cache);
}

/** CycleOutcome is what one scheduling cycle decided, as scheduleOne would report it. */
export interface CycleOutcome {
  node?: string;
  /** message is the FailedScheduling message, preemption part included. */
  message?: string;
  nominatedNodeName?: string;
  victims?: string[];
}

/** runCycle schedules pod once over cache with the default profile, preemption included, binding nothing. */
export function runCycle(cache: SchedulerCache, pod: Pod, seed: number | string = 1): CycleOutcome {
  const fwk = newFramework(new Rng(seed));
  const algo = new ScheduleAlgorithm(fwk, new Rng(`${seed}-select`));
  const state = newState(pod, cache);
  const r = algo.schedulePod(state, pod);
  if (r instanceof Status) return { message: r.message() };
  if (!(r instanceof FitError)) return { node: r.suggestedHost };
  const pf = fwk.runPostFilterPlugins(state, pod, r.diagnosis.nodeToStatus);
  r.diagnosis.postFilterMsg = pf.status.message();
  return {
    message: r.error(),
    nominatedNodeName: pf.result?.nominatedNodeName,
    victims: pf.result?.victims?.map((v) => v.metadata!.name!),
  };
}
