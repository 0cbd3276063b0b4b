import type { Pod, Service } from 'kubernetes-types/core/v1';
import { parseTime } from '../../sim/clock';

/**
 * serviceEnv is what the kubelet adds to a container's environment for Services (kubelet_pods.go
 * getServiceEnvVarMap and pkg/kubelet/envvars, v1.32): the kubernetes Service of the default
 * namespace always, and the pod's namespace's Services unless enableServiceLinks is false; only
 * Services with a cluster IP that existed when the container started. Each gives {NAME}_SERVICE_HOST,
 * {NAME}_SERVICE_PORT (and _PORT_{PORTNAME} for named ports) and the Docker-link style {NAME}_PORT*.
 */
export function serviceEnv(pod: Pod, services: readonly Service[], startedMs: number): Record<string, string> {
  const ns = pod.metadata?.namespace ?? '';
  const links = pod.spec?.enableServiceLinks !== false;
  const chosen = new Map<string, Service>();
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    if (parseTime(svc.metadata?.creationTimestamp ?? '') > startedMs) continue;
    const name = svc.metadata?.name ?? '';
    if (svc.metadata?.namespace === 'default' && name === 'kubernetes') {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (svc.metadata?.namespace === ns && links) {
      chosen.set(name, svc);
    }
  }
  const env: Record<string, string> = {};
  for (const name of [...chosen.keys()].sort()) {
    const svc = chosen.get(name)!;
    const prefix = name.toUpperCase().replace(/-/g, '_');
    const ip = svc.spec!.clusterIP!;
    const ports = svc.spec?.ports ?? [];
    env[`${prefix}_SERVICE_HOST`] = ip;
    if (ports[0]) env[`${prefix}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) env[`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
    if (ports[0]) env[`${prefix}_PORT`] = `${(ports[0].protocol ?? 'TCP').toLowerCase()}://${ip}:${ports[0].port}`;
    for (const p of ports) {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const key = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      env[key] = `${proto}://${ip}:${p.port}`;
      env[`${key}_PROTO`] = proto;
      env[`${key}_PORT`] = String(p.port);
      env[`${key}_ADDR`] = ip;
    }
  }
  return env;
}
