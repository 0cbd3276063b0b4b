import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, PodSpec, Taint } from 'kubernetes-types/core/v1';
import { formatTime, SimEpoch } from '../../sim/clock';
import { ControllerRevisionHashLabel, DaemonSetTemplateGenerationKey } from './daemonPodTemplate';

// Builders for the DaemonSet controller's tests.

export const ns = 'default';

/** Writable lifts kubernetes-types' readonly server-set fields, for building fixtures. */
export type Writable<T> = { -readonly [K in keyof T]: Writable<T[K]> };
export const t0 = formatTime(SimEpoch);

/** newDaemonSet is a defaulted DaemonSet "ds" selecting app=ds, as the API server stores it. */
export function newDaemonSet(mutate: (ds: Writable<DaemonSet>) => void = () => {}): DaemonSet {
  const ds: Writable<DaemonSet> = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ds', namespace: ns, uid: 'ds-uid', resourceVersion: '5', generation: 1, annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      selector: { matchLabels: { app: 'ds' } },
      template: {
        metadata: { labels: { app: 'ds' }, creationTimestamp: null as unknown as string },
        spec: { containers: [{ name: 'agent', image: 'nginx:1.25' }] },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
  };
  mutate(ds);
  return ds;
}

/** newNode is a node with the given labels and taints. */
export function newNode(name: string, o: { labels?: Record<string, string>; taints?: Taint[] } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, resourceVersion: '1', labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** PodOpts shape a daemon pod of "ds". */
export interface PodOpts {
  node?: string;
  /** pinned leaves spec.nodeName empty and names the node in the pinned affinity only. */
  pinned?: boolean;
  hash?: string;
  generation?: string;
  phase?: string;
  ready?: boolean;
  /** readySince is when the pod turned ready, in ms. */
  readySince?: number;
  created?: string;
  deleting?: boolean;
  owner?: string | null;
}

/** newDaemonPod is a pod of "ds" on a node, of revision hash "h1" unless told. */
export function newDaemonPod(name: string, o: PodOpts = {}): Pod {
  const owner = o.owner === undefined ? 'ds-uid' : o.owner;
  const node = o.node ?? 'node-1';
  const spec: PodSpec = { containers: [{ name: 'agent', image: 'nginx:1.25' }] };
  if (o.pinned) spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } };
  else spec.nodeName = node;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: `${name}-uid`,
      resourceVersion: '1',
      creationTimestamp: o.created ?? t0,
      deletionTimestamp: o.deleting ? t0 : undefined,
      labels: { app: 'ds', [ControllerRevisionHashLabel]: o.hash ?? 'h1', [DaemonSetTemplateGenerationKey]: o.generation ?? '1' },
      ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: owner, controller: true, blockOwnerDeletion: true }] : undefined,
    },
    spec,
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: formatTime(o.readySince ?? SimEpoch - 3_600_000) }],
    },
  };
}
