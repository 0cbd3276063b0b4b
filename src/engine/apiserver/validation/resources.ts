import type { ResourceRequirements } from 'kubernetes-types/core/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isQualifiedName } from './names';
import { parseQuantity } from './quantity';

// Resource names and quantities: pkg/apis/core/helper/helpers.go and the resource checks of
// pkg/apis/core/validation/validation.go (v1.32).

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
const standardResources = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers',
  'resourcequotas', 'secrets', 'persistentvolumeclaims', 'configmaps', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);
const integerResources = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

/** isHugePageResourceName reports "hugepages-<size>". */
export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

/** isNativeResource reports an unprefixed name or one in the kubernetes.io domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.startsWith('kubernetes.io/') || name.includes('.kubernetes.io/');
}

/** isExtendedResourceName reports a vendor resource such as "nvidia.com/gpu". */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** isOvercommitAllowed reports whether requests may be below limits (native resources but hugepages). */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** isIntegerResourceName reports resources whose quantity must be whole (object counts, extended resources). */
export function isIntegerResourceName(name: string): boolean {
  return integerResources.has(name) || name.startsWith('count/') || isExtendedResourceName(name);
}

/** isStandardResourceName is helper.IsStandardResourceName. */
export function isStandardResourceName(name: string): boolean {
  return standardResources.has(name) || isQuotaHugePageResourceName(name);
}

/** validateResourceName checks a qualified resource name that is standard or fully qualified. */
export function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldError.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    errs.push(fieldError.invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

/** validateContainerResourceName checks a resource name a container may request. */
export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!standardContainerResources.has(name) && !isHugePageResourceName(name)) {
      errs.push(fieldError.invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(fieldError.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** quantityString renders a quantity as the apiserver prints it (values are canonical after defaulting). */
export function quantityString(q: unknown): string {
  return typeof q === 'number' ? String(q) : String(q ?? '');
}

/** validateResourceQuantityValue checks a quantity is non-negative, and whole for integer resources. */
export function validateResourceQuantityValue(name: string, q: unknown, path: string): FieldError[] {
  const v = parseQuantity(q as string);
  const errs: FieldError[] = [];
  if (v !== undefined && v < 0) errs.push(fieldError.invalid(path, quantityString(q), 'must be greater than or equal to 0'));
  if (v !== undefined && isIntegerResourceName(name) && !Number.isInteger(v)) {
    errs.push(fieldError.invalid(path, quantityString(q), 'must be an integer'));
  }
  return errs;
}

/** validateResourceRequirements checks container resources: names, values, and requests <= limits. */
export function validateResourceRequirements(req: ResourceRequirements | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!req) return errs;
  const limits = (req.limits ?? {}) as Record<string, unknown>;
  const requests = (req.requests ?? {}) as Record<string, unknown>;
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of Object.entries(limits)) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, q, p));
    if (name in limits) {
      const l = limits[name];
      const rv = parseQuantity(q as string) ?? 0;
      const lv = parseQuantity(l as string) ?? 0;
      if (rv !== lv && !isOvercommitAllowed(name)) {
        errs.push(fieldError.invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(l)}`));
      } else if (rv > lv) {
        errs.push(fieldError.invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(l)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldError.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(fieldError.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}
