import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Affinity, NodeSelectorTerm, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1';
import { deepCopy } from '../../api/deepCopy';
import { semanticDeepEqual } from '../../apiserver/registry/strategyHelpers';
import { DeprecatedTemplateGeneration } from '../../apiserver/registry/daemonSets';
import type { GroupVersionKind } from '../util/controllerRef';

// The pod template of a daemon pod, as pkg/controller/daemon/util/daemonset_util.go (v1.32) and
// component-helpers' AddOrUpdateTolerationInPodSpec build it.

/** DaemonSetKind is the controller kind written into the owner references of daemon pods and revisions. */
export const DaemonSetKind: GroupVersionKind = { apiVersion: 'apps/v1', kind: 'DaemonSet' };
/** ControllerRevisionHashLabel labels daemon pods and revisions with the revision's hash (apps.DefaultDaemonSetUniqueLabelKey). */
export const ControllerRevisionHashLabel = 'controller-revision-hash';
/** DaemonSetTemplateGenerationKey is the deprecated label holding the template generation a pod was made from. */
export const DaemonSetTemplateGenerationKey = 'pod-template-generation';
/** ObjectNameField is the field a matchFields requirement selects nodes by (metav1.ObjectNameField). */
export const ObjectNameField = 'metadata.name';

/** Taint keys the node lifecycle controller and kubelet put on nodes (k8s.io/api/core/v1 well_known_taints.go). */
export const TaintNode = {
  NotReady: 'node.kubernetes.io/not-ready',
  Unreachable: 'node.kubernetes.io/unreachable',
  DiskPressure: 'node.kubernetes.io/disk-pressure',
  MemoryPressure: 'node.kubernetes.io/memory-pressure',
  PIDPressure: 'node.kubernetes.io/pid-pressure',
  Unschedulable: 'node.kubernetes.io/unschedulable',
  NetworkUnavailable: 'node.kubernetes.io/network-unavailable',
} as const;

/**
 * getTemplateGeneration is GetTemplateGeneration: the deprecated template generation annotation as a
 * number, or undefined when it is absent or does not parse (the controller then relies on the hash).
 */
export function getTemplateGeneration(ds: DaemonSet): number | undefined {
  const v = ds.metadata?.annotations?.[DeprecatedTemplateGeneration];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** isPodUpdated is IsPodUpdated: the pod carries the current revision's hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches = generation !== undefined && labels[DaemonSetTemplateGenerationKey] === String(generation);
  const hashMatches = hash.length > 0 && labels[ControllerRevisionHashLabel] === hash;
  return hashMatches || templateMatches;
}

/**
 * daemonPodTolerations are the tolerations AddOrUpdateDaemonPodTolerations gives every daemon pod:
 * node problems must not evict or keep out a node's own agents. NoExecute not-ready/unreachable
 * carry no tolerationSeconds, so the taint-based eviction never removes them.
 */
function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: TaintNode.NotReady, operator: 'Exists', effect: 'NoExecute' },
    { key: TaintNode.Unreachable, operator: 'Exists', effect: 'NoExecute' },
    { key: TaintNode.DiskPressure, operator: 'Exists', effect: 'NoSchedule' },
    { key: TaintNode.MemoryPressure, operator: 'Exists', effect: 'NoSchedule' },
    { key: TaintNode.PIDPressure, operator: 'Exists', effect: 'NoSchedule' },
    { key: TaintNode.Unschedulable, operator: 'Exists', effect: 'NoSchedule' },
  ];
  // Only host-network pods can run before the node's network is configured.
  if (hostNetwork) t.push({ key: TaintNode.NetworkUnavailable, operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** addOrUpdateDaemonPodTolerations is AddOrUpdateDaemonPodTolerations: it mutates spec. */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): void {
  for (const t of daemonPodTolerations(!!spec.hostNetwork)) addOrUpdateTolerationInPodSpec(spec, t);
}

/**
 * addOrUpdateTolerationInPodSpec is v1helper.AddOrUpdateTolerationInPodSpec: a toleration with the same
 * key, operator, value and effect is replaced (a user's tolerationSeconds gives way), else it is appended.
 */
function addOrUpdateTolerationInPodSpec(spec: PodSpec, toleration: Toleration): void {
  const out: Toleration[] = [];
  let updated = false;
  for (const t of spec.tolerations ?? []) {
    if (matchToleration(t, toleration)) {
      if (semanticDeepEqual(t, toleration)) return;
      out.push({ ...toleration });
      updated = true;
      continue;
    }
    out.push(t);
  }
  if (!updated) out.push({ ...toleration });
  spec.tolerations = out;
}

function matchToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.effect ?? '') === (b.effect ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '');
}

/**
 * createPodTemplate is CreatePodTemplate: a copy of the template with the daemon tolerations, the
 * deprecated pod-template-generation label and the revision's controller-revision-hash label.
 */
export function createPodTemplate(template: PodTemplateSpec | undefined, generation: number | undefined, hash: string): PodTemplateSpec {
  const t = deepCopy(template ?? {});
  const spec = (t.spec ??= { containers: [] });
  addOrUpdateDaemonPodTolerations(spec);
  const meta = (t.metadata ??= {});
  const labels = (meta.labels ??= {});
  if (generation !== undefined) labels[DaemonSetTemplateGenerationKey] = String(generation);
  if (hash.length > 0) labels[ControllerRevisionHashLabel] = hash;
  return t;
}

/**
 * replaceDaemonSetPodNodeNameNodeAffinity is ReplaceDaemonSetPodNodeNameNodeAffinity: the required node
 * affinity becomes the single term metadata.name In [nodeName], so the default scheduler can only bind
 * the pod to its node. The DaemonSet already checked the user's terms against that node. It mutates affinity.
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const terms: NodeSelectorTerm[] = [{ matchFields: [{ key: ObjectNameField, operator: 'In', values: [nodeName] }] }];
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
  if (!affinity.nodeAffinity) {
    affinity.nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } };
    return affinity;
  }
  const na = affinity.nodeAffinity;
  if (!na.requiredDuringSchedulingIgnoredDuringExecution) {
    na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms };
    return affinity;
  }
  na.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms = terms;
  return affinity;
}

/**
 * getTargetNodeName is GetTargetNodeName: spec.nodeName once bound, else the node named by the
 * metadata.name In [node] term the controller put into a pending pod's required node affinity.
 */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const exp of term.matchFields ?? []) {
      if (exp.key !== ObjectNameField || exp.operator !== 'In') continue;
      return exp.values?.length === 1 ? exp.values[0] : undefined;
    }
  }
  return undefined;
}
