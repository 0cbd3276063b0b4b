import type { Container, Pod } from 'kubernetes-types/core/v1';
import { addQuantity, cmpQuantity, type Quantity } from './quantity';
import { fromApi, type ResourceList } from './resources';

// PodRequests and PodLimits of pkg/api/v1/resource/helpers.go (v1.32) over exact quantities: the
// containers add up; an init container runs alone (with the sidecars started before it), so the
// pod needs the larger of that and the sum; restartable (sidecar) init containers add to the sum;
// the pod overhead comes on top (for limits, only on resources that have a limit).

type MutableList = Record<string, Quantity>;

function addInto(list: MutableList, more: ResourceList): void {
  for (const [k, v] of Object.entries(more)) list[k] = k in list ? addQuantity(list[k], v) : v;
}

function maxInto(list: MutableList, other: ResourceList): void {
  for (const [k, v] of Object.entries(other)) if (!(k in list) || cmpQuantity(v, list[k]) > 0) list[k] = v;
}

function isRestartable(c: Container): boolean {
  return (c as Container & { restartPolicy?: string }).restartPolicy === 'Always';
}

function aggregate(pod: Pod, of: (c: Container) => ResourceList): MutableList {
  const total: MutableList = {};
  for (const c of pod.spec?.containers ?? []) addInto(total, of(c));
  const sidecars: MutableList = {};
  const init: MutableList = {};
  for (const c of pod.spec?.initContainers ?? []) {
    const own = of(c);
    let running: ResourceList;
    if (isRestartable(c)) {
      addInto(total, own);
      addInto(sidecars, own);
      running = sidecars;
    } else {
      const tmp: MutableList = { ...own };
      addInto(tmp, sidecars);
      running = tmp;
    }
    maxInto(init, running);
  }
  maxInto(total, init);
  return total;
}

/** podRequests is resourcehelper.PodRequests with the pod overhead. */
export function podRequests(pod: Pod): ResourceList {
  const reqs = aggregate(pod, (c) => fromApi(c.resources?.requests));
  addInto(reqs, fromApi(pod.spec?.overhead));
  return reqs;
}

/** podLimits is resourcehelper.PodLimits with the pod overhead added to the limits that are set. */
export function podLimits(pod: Pod): ResourceList {
  const limits = aggregate(pod, (c) => fromApi(c.resources?.limits));
  for (const [k, v] of Object.entries(fromApi(pod.spec?.overhead))) if (k in limits) limits[k] = addQuantity(limits[k], v);
  return limits;
}
