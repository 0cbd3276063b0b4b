import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { matches, selectorFromLabelSelector, type Requirement, type Selector } from '../../../api/labels';
import type { WorkloadListers } from '../../framework/interface';

// From pkg/scheduler/framework/plugins/helper/spread.go (v1.32).

/** getPodServices lists the services of the pod's namespace whose selector matches the pod. */
export function getPodServices(listers: WorkloadListers, pod: Pod): Service[] {
  const out: Service[] = [];
  const labels = pod.metadata?.labels;
  for (const svc of listers.services(pod.metadata?.namespace ?? '')) {
    const sel = svc.spec?.selector;
    // A nil selector selects nothing (an empty one selects everything).
    if (!sel) continue;
    let ok = true;
    for (const k in sel) {
      if (labels?.[k] !== sel[k]) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(svc);
  }
  return out;
}

/**
 * defaultSelector is helper.DefaultSelector: the union of the selectors of the services matching
 * the pod and of its controlling ReplicationController, ReplicaSet or StatefulSet. Pods from one
 * workload share it, so system-default spreading spreads each workload on its own.
 */
export function defaultSelector(pod: Pod, listers: WorkloadListers): Selector {
  // Written with plain loops: PodTopologySpread's system defaults compute it in every cycle.
  const set = new Map<string, string>();
  for (const svc of getPodServices(listers, pod)) addLabels(set, svc.spec?.selector);
  const owner = controllerOf(pod);
  const ns = pod.metadata?.namespace ?? '';
  let workload: Selector | undefined;
  if (owner?.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = listers.replicationController(ns, owner.name);
    if (rc) addLabels(set, rc.spec?.selector);
  } else if (owner?.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet') {
    const rs = listers.replicaSet(ns, owner.name);
    if (rs) workload = selectorFromLabelSelector(rs.spec?.selector);
  } else if (owner?.apiVersion === 'apps/v1' && owner.kind === 'StatefulSet') {
    const ss = listers.statefulSet(ns, owner.name);
    if (ss) workload = selectorFromLabelSelector(ss.spec?.selector);
  }
  const requirements: Requirement[] = [];
  for (const [key, value] of set) requirements.push({ key, op: '=', values: [value] });
  if (workload && !workload.nothing) for (const r of workload.requirements) requirements.push(r);
  return { requirements };
}

function addLabels(set: Map<string, string>, labels: Record<string, string> | undefined): void {
  for (const k in labels) set.set(k, labels[k]);
}

function controllerOf(pod: Pod): OwnerReference | undefined {
  for (const r of pod.metadata?.ownerReferences ?? []) if (r.controller) return r;
  return undefined;
}

/** isEmptySelector is Selector.Empty(): no requirements (it selects everything). */
export function isEmptySelector(sel: Selector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

/** selectorMatches matches labels, treating "nothing" as matching no pod. */
export function selectorMatches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  return matches(sel, labels);
}
