import type { Pod, Service } from 'kubernetes-types/core/v1';
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
  const set = new Map<string, string>();
  for (const svc of getPodServices(listers, pod)) for (const [k, v] of Object.entries(svc.spec?.selector ?? {})) set.set(k, v);
  const requirements: Requirement[] = [...set].map(([key, value]) => ({ key, op: '=' as const, values: [value] }));
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller);
  if (!owner) return { requirements };
  const ns = pod.metadata?.namespace ?? '';
  const add = (sel: Selector) => {
    if (!sel.nothing) requirements.push(...sel.requirements);
  };
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = listers.replicationController(ns, owner.name);
    if (rc) {
      for (const [k, v] of Object.entries(rc.spec?.selector ?? {})) set.set(k, v);
      return { requirements: [...set].map(([key, value]) => ({ key, op: '=' as const, values: [value] })) };
    }
  } else if (owner.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet') {
    const rs = listers.replicaSet(ns, owner.name);
    if (rs) add(selectorFromLabelSelector(rs.spec?.selector));
  } else if (owner.apiVersion === 'apps/v1' && owner.kind === 'StatefulSet') {
    const ss = listers.statefulSet(ns, owner.name);
    if (ss) add(selectorFromLabelSelector(ss.spec?.selector));
  }
  return { requirements };
}

/** isEmptySelector is Selector.Empty(): no requirements (it selects everything). */
export function isEmptySelector(sel: Selector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

/** selectorMatches matches labels, treating "nothing" as matching no pod. */
export function selectorMatches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  return matches(sel, labels);
}
