import type { Lifecycle, LifecycleHandler, Probe } from 'kubernetes-types/core/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from './names';

// Probe and lifecycle hook validation of pkg/apis/core/validation/validation.go (v1.32):
// validateProbe, validateHandler and the httpGet / tcpSocket / grpc / sleep actions.

/** validateLivenessProbe checks a liveness probe (and, by alias, a startup probe). */
export function validateLivenessProbe(probe: Probe | undefined, gracePeriod: number, path: string): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (probe.successThreshold !== 1) errs.push(fieldError.invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

/** validateReadinessProbe checks a readiness probe, which may not set terminationGracePeriodSeconds. */
export function validateReadinessProbe(probe: Probe | undefined, gracePeriod: number, path: string): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(fieldError.invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

/** validateStartupProbe has the liveness rules: successThreshold must be 1. */
export const validateStartupProbe = validateLivenessProbe;

function validateProbe(probe: Probe, gracePeriod: number, path: string): FieldError[] {
  const errs = validateHandler(probe, false, gracePeriod, path);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    const v = probe[k] ?? 0;
    if (v < 0) errs.push(fieldError.invalid(`${path}.${k}`, v, 'must be greater than or equal to 0'));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (tgps !== undefined && tgps <= 0) errs.push(fieldError.invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  return errs;
}

/** validateLifecycle checks postStart and preStop hooks. */
export function validateLifecycle(lc: Lifecycle, gracePeriod: number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (lc.postStart) errs.push(...validateHandler(lc.postStart, true, gracePeriod, `${path}.postStart`));
  if (lc.preStop) errs.push(...validateHandler(lc.preStop, true, gracePeriod, `${path}.preStop`));
  return errs;
}

type Handler = Partial<Probe & LifecycleHandler>;

// validateHandler checks that exactly one action is set; probes have grpc, lifecycle hooks sleep.
function validateHandler(h: Handler, lifecycle: boolean, gracePeriod: number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (key: string, check: () => FieldError[]) => {
    if (n > 0) errs.push(fieldError.forbidden(`${path}.${key}`, 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  if (h.exec) one('exec', () => (h.exec!.command?.length ? [] : [fieldError.required(`${path}.exec.command`)]));
  if (h.httpGet) one('httpGet', () => validateHTTPGetAction(h.httpGet!, `${path}.httpGet`));
  if (h.tcpSocket) one('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, `${path}.tcpSocket.port`));
  if (!lifecycle && h.grpc) one('grpc', () => validatePortNumOrName(h.grpc!.port, `${path}.grpc.port`));
  if (lifecycle && h.sleep) {
    one('sleep', () => {
      const s = h.sleep!.seconds;
      return s <= 0 || s > gracePeriod
        ? [fieldError.invalid(`${path}.sleep`, s, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod})`)]
        : [];
    });
  }
  if (n === 0) errs.push(fieldError.required(path, 'must specify a handler type'));
  return errs;
}

function validateHTTPGetAction(get: NonNullable<Probe['httpGet']>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!get.path) errs.push(fieldError.required(`${path}.path`));
  errs.push(...validatePortNumOrName(get.port, `${path}.port`));
  if (get.scheme !== 'HTTP' && get.scheme !== 'HTTPS') errs.push(fieldError.notSupported(`${path}.scheme`, get.scheme ?? '', ['HTTP', 'HTTPS']));
  for (const h of get.httpHeaders ?? []) {
    for (const m of isHTTPHeaderName(h.name)) errs.push(fieldError.invalid(`${path}.httpHeaders`, h.name, m));
  }
  return errs;
}

/** validatePortNumOrName checks an IntOrString port: a number in range or an IANA_SVC_NAME. */
export function validatePortNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldError.invalid(path, port, m));
  const n = port ?? 0;
  return isValidPortNum(n).map((m) => fieldError.invalid(path, n, m));
}
