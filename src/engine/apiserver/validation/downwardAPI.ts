import type { ObjectFieldSelector, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isQualifiedName } from './names';
import { parseQuantity } from './quantity';

// Downward API selectors: validateObjectFieldSelector, validateContainerResourceFieldSelector and
// validateContainerResourceDivisor (pkg/apis/core/validation/validation.go) and
// ConvertDownwardAPIFieldLabel (pkg/api/v1/pod/util.go), v1.32.

/** validEnvFieldPaths are the fieldRef paths an env var may use, sorted as sets.List prints them. */
export const validEnvFieldPaths = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
/** validVolumeFieldPaths are the fieldRef paths a downwardAPI volume file may use. */
export const validVolumeFieldPaths = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

const convertibleLabels = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

/** splitMaybeSubscriptedPath splits "metadata.labels['app']" into path and subscript. */
export function splitMaybeSubscriptedPath(fieldPath: string): { path: string; subscript?: string } {
  if (!fieldPath.endsWith("']")) return { path: fieldPath };
  const s = fieldPath.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return { path: fieldPath };
  return { path: s.slice(0, i), subscript: s.slice(i + 2) };
}

function convertDownwardAPIFieldLabel(version: string, label: string): { label?: string; error?: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const { path, subscript } = splitMaybeSubscriptedPath(label);
  if (subscript !== undefined) {
    if (path === 'metadata.annotations' || path === 'metadata.labels') return { label };
    return { error: `field label does not support subscript: ${label}` };
  }
  if (convertibleLabels.has(label)) return { label };
  if (label === 'spec.host') return { label: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

/** validateObjectFieldSelector checks a fieldRef against the paths allowed where it is used. */
export function validateObjectFieldSelector(fs: ObjectFieldSelector, allowed: string[], path: string): FieldError[] {
  if (!fs.apiVersion) return [fieldError.required(`${path}.apiVersion`)];
  if (!fs.fieldPath) return [fieldError.required(`${path}.fieldPath`)];
  const conv = convertDownwardAPIFieldLabel(fs.apiVersion, fs.fieldPath);
  if (conv.error !== undefined) {
    return [fieldError.invalid(`${path}.fieldPath`, fs.fieldPath, `error converting fieldPath: ${conv.error}`)];
  }
  const { path: p, subscript } = splitMaybeSubscriptedPath(conv.label!);
  if (subscript !== undefined) {
    if (p === 'metadata.annotations') return isQualifiedName(subscript.toLowerCase()).map((m) => fieldError.invalid(path, subscript.toLowerCase(), m));
    if (p === 'metadata.labels') return isQualifiedName(subscript).map((m) => fieldError.invalid(path, subscript, m));
    return [fieldError.invalid(path, p, 'does not support subscript')];
  }
  if (!allowed.includes(p)) return [fieldError.notSupported(`${path}.fieldPath`, p, allowed)];
  return [];
}

const resourceFieldPaths = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const memoryDivisors = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);

/** validateResourceFieldSelector checks a resourceFieldRef; containerName is required in volumes. */
export function validateResourceFieldSelector(fs: ResourceFieldSelector, volume: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (volume && !fs.containerName) errs.push(fieldError.required(`${path}.containerName`));
  else if (!fs.resource) errs.push(fieldError.required(`${path}.resource`));
  else if (!resourceFieldPaths.includes(fs.resource) && !/^(requests|limits)\.hugepages-/.test(fs.resource)) {
    errs.push(fieldError.notSupported(`${path}.resource`, fs.resource, resourceFieldPaths));
  }
  errs.push(...validateDivisor(fs.resource ?? '', fs.divisor, path));
  return errs;
}

function validateDivisor(resource: string, divisor: unknown, path: string): FieldError[] {
  if (divisor === undefined || parseQuantity(divisor as string) === 0) return [];
  const d = String(divisor);
  const p = `${path}.divisor`;
  const tail = resource.replace(/^(limits|requests)\./, '');
  if (tail === 'cpu' && d !== '1m' && d !== '1') {
    return [fieldError.invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource")];
  }
  const others: Record<string, string> = { memory: 'memory', 'ephemeral-storage': 'local ephemeral storage' };
  const kind = others[tail] ?? (tail.startsWith('hugepages-') ? 'hugepages' : undefined);
  if (kind && !memoryDivisors.has(d)) {
    return [
      fieldError.invalid(p, resource, `only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the ${kind} resource`),
    ];
  }
  return [];
}
