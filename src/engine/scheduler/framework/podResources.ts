import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, parseQuantityMilli } from '../../apiserver/validation/quantity';

// Pod resource arithmetic, after k8s.io/component-helpers/resource/helpers.go PodRequests (v1.32)
// and pkg/scheduler/util/pod_resources.go.

/** DefaultMilliCPURequest is what scoring assumes for a container without a cpu request (100m). */
export const DefaultMilliCPURequest = 100;
/** DefaultMemoryRequest is what scoring assumes for a container without a memory request (200Mi). */
export const DefaultMemoryRequest = 200 * 1024 * 1024;

/** Resource is framework.Resource: cpu in millicores, memory and ephemeral storage in bytes. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** scalar holds extended resources and hugepages; null when there are none (the common case). */
  scalar: Map<string, number> | null;
}

/** newResource returns an empty Resource. */
export function newResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: null };
}

/** quantityValue is Quantity.Value(): base units rounded up. */
export function quantityValue(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.ceil(v - 1e-9);
}

/** quantityMilli is Quantity.MilliValue(). */
export function quantityMilli(q: string | number | undefined): number {
  return parseQuantityMilli(q) ?? 0;
}

/** isScalarResourceName is schedutil.IsScalarResourceName: extended resources, hugepages, attachable volumes. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  // IsExtendedResourceName: a domain-prefixed name outside kubernetes.io, not requests.*.
  if (!name.includes('/') || name.startsWith('requests.')) return false;
  return !(name.startsWith('kubernetes.io/') || name.includes('.kubernetes.io/'));
}

type ResourceList = { [name: string]: string | number } | undefined;

/** addResourceList adds a ResourceList into r (Resource.Add). */
export function addResourceList(r: Resource, rl: ResourceList): void {
  if (!rl) return;
  for (const name in rl) {
    const q = rl[name];
    switch (name) {
      case 'cpu':
        r.milliCPU += quantityMilli(q);
        break;
      case 'memory':
        r.memory += quantityValue(q);
        break;
      case 'pods':
        r.allowedPodNumber += quantityValue(q);
        break;
      case 'ephemeral-storage':
        r.ephemeralStorage += quantityValue(q);
        break;
      default:
        if (isScalarResourceName(name)) addScalar(r, name, quantityValue(q));
    }
  }
}

function addScalar(r: Resource, name: string, v: number): void {
  if (!r.scalar) r.scalar = new Map();
  r.scalar.set(name, (r.scalar.get(name) ?? 0) + v);
}

function add(into: Resource, r: Resource): void {
  into.milliCPU += r.milliCPU;
  into.memory += r.memory;
  into.ephemeralStorage += r.ephemeralStorage;
  if (r.scalar) for (const [k, v] of r.scalar) addScalar(into, k, v);
}

function max(into: Resource, r: Resource): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  if (r.scalar) {
    if (!into.scalar) into.scalar = new Map();
    for (const [k, v] of r.scalar) into.scalar.set(k, Math.max(into.scalar.get(k) ?? 0, v));
  }
}

function clone(r: Resource): Resource {
  return { ...r, scalar: r.scalar ? new Map(r.scalar) : null };
}

/** NonMissing are the per-container defaults applied when a request is absent (scoring only). */
export interface NonMissing {
  milliCPU: number;
  memory: number;
}

function containerRequests(c: Container, nonMissing: NonMissing | undefined): Resource {
  const r = newResource();
  const req = c.resources?.requests;
  addResourceList(r, req);
  if (nonMissing) {
    if (!req || req.cpu === undefined) r.milliCPU = nonMissing.milliCPU;
    if (!req || req.memory === undefined) r.memory = nonMissing.memory;
  }
  return r;
}

/**
 * podRequests is resourcehelper.PodRequests: the sum over containers, raised to the largest init
 * container (sidecars with restartPolicy Always add up and stay), plus pod overhead.
 */
export function podRequests(pod: Pod, nonMissing?: NonMissing): Resource {
  const spec = pod.spec;
  const reqs = newResource();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) add(reqs, containerRequests(c, nonMissing));
  if (spec.initContainers?.length) {
    const restartable = newResource();
    const initReqs = newResource();
    for (const c of spec.initContainers) {
      let cr = containerRequests(c, nonMissing);
      if (c.restartPolicy === 'Always') {
        add(reqs, cr);
        add(restartable, cr);
        cr = clone(restartable);
      } else {
        add(cr, restartable);
      }
      max(initReqs, cr);
    }
    max(reqs, initReqs);
  }
  if (spec.overhead) addResourceList(reqs, spec.overhead);
  return reqs;
}
