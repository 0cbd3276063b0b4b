import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import { fieldError, GoValue, type FieldError } from '../../fieldErrors';
import { goStringSlice } from '../goValue';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../validation/objectMeta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNS1035Label } from '../../validation/names';
import { validateLabels } from '../../validation/labelSelector';
import { isIPv6, parseCIDRv4, validateIP } from '../../validation/ip';
import { supportedPortProtocols } from '../../validation/containers';
import { validatePortNumOrName } from '../../validation/probes';
import { validateNonSpecialIP } from '../endpoints';

// Service validation of pkg/apis/core/validation/validation.go (v1.32): ValidateService,
// validateServicePort, ValidateServiceClusterIPsRelatedFields and the update rules for clusterIPs,
// ipFamilies and loadBalancerClass.

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const MaxClientIPServiceAffinitySeconds = 86400;

/** isHeadlessService reports clusterIPs == ["None"]. */
export function isHeadlessService(s: ServiceSpec | undefined): boolean {
  return s?.clusterIPs?.length === 1 && s.clusterIPs[0] === 'None';
}

/** externallyAccessible is service.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs. */
export function externallyAccessible(s: ServiceSpec | undefined): boolean {
  return s?.type === 'LoadBalancer' || s?.type === 'NodePort' || (s?.type === 'ClusterIP' && (s.externalIPs?.length ?? 0) > 0);
}

/** needsHealthCheck reports a LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(s: ServiceSpec | undefined): boolean {
  return s?.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(fieldError.required(`${path}.name`));
  else if (sp.name) {
    errs.push(...isDNS1123Label(sp.name).map((m) => fieldError.invalid(`${path}.name`, sp.name, m)));
    if (names.has(sp.name)) errs.push(fieldError.duplicate(`${path}.name`, sp.name));
    else names.add(sp.name);
  }
  errs.push(...isValidPortNum(sp.port).map((m) => fieldError.invalid(`${path}.port`, sp.port, m)));
  if (!sp.protocol) errs.push(fieldError.required(`${path}.protocol`));
  else if (!supportedPortProtocols.includes(sp.protocol)) errs.push(fieldError.notSupported(`${path}.protocol`, sp.protocol, supportedPortProtocols));
  errs.push(...validatePortNumOrName(sp.targetPort, `${path}.targetPort`));
  if (sp.appProtocol !== undefined) errs.push(...isQualifiedName(sp.appProtocol).map((m) => fieldError.invalid(`${path}.appProtocol`, sp.appProtocol, m)));
  return errs;
}

function isCIDR(s: string): boolean {
  if (parseCIDRv4(s)) return true;
  const [ip, len] = s.split('/');
  return isIPv6(ip ?? '') && /^[0-9]+$/.test(len ?? '') && Number(len) <= 128;
}

function validateClusterIPsRelatedFields(s: ServiceSpec): FieldError[] {
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = s.clusterIPs ?? [];
  const ipsValue = goStringSlice('[]string', s.clusterIPs);
  if (s.clusterIP) {
    if (ips.length === 0) errs.push(fieldError.required('spec.clusterIPs'));
    else if (ips[0] !== s.clusterIP) errs.push(fieldError.invalid('spec.clusterIPs', ipsValue, 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(fieldError.invalid('spec.clusterIPs', ipsValue, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(fieldError.notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(fieldError.duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (s.ipFamilyPolicy !== undefined && !policies.includes(s.ipFamilyPolicy)) errs.push(fieldError.notSupported('spec.ipFamilyPolicy', s.ipFamilyPolicy, policies));
  let invalid = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalid = true;
        errs.push(fieldError.invalid('spec.clusterIPs', ipsValue, "'None' must be the first and only value"));
      }
      return;
    }
    const e = validateIP(`spec.clusterIPs[${i}]`, ip);
    if (e.length) invalid = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(fieldError.invalid('spec.clusterIPs', ipsValue, 'may only hold up to 2 values'));
  if (invalid) return errs;
  if (ips.length > 1 && isIPv6(ips[0]) === isIPv6(ips[1])) {
    errs.push(fieldError.invalid('spec.clusterIPs', ipsValue, 'may specify no more than one IP for each IP family'));
  }
  const families = s.ipFamilies ?? [];
  if (!isHeadlessService(s) && ips.length && families.length) {
    ips.forEach((ip, i) => {
      if (i >= families.length) return;
      if (families[i] === 'IPv4' && isIPv6(ip)) errs.push(fieldError.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isIPv6(ip)) errs.push(fieldError.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** validateService is ValidateService. */
export function validateService(svc: Service): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const s: ServiceSpec = svc.spec ?? {};
  const ports = s.ports ?? [];
  const headless = isHeadlessService(s);
  if (ports.length === 0 && !headless && s.type !== 'ExternalName') errs.push(fieldError.required('spec.ports'));
  if ((s.type === 'LoadBalancer' || s.type === 'NodePort') && headless) {
    errs.push(fieldError.invalid('spec.clusterIPs[0]', s.clusterIPs![0], `may not be set to 'None' for ${s.type} services`));
  }
  if (s.type === 'ExternalName') {
    if (s.clusterIPs?.length) errs.push(fieldError.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (s.ipFamilies?.length) errs.push(fieldError.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy !== undefined) errs.push(fieldError.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = (s.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => fieldError.invalid('spec.externalName', cname, m)));
    else errs.push(fieldError.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (s.selector) errs.push(...validateLabels(s.selector, 'spec.selector'));
  if (!s.sessionAffinity) errs.push(fieldError.required('spec.sessionAffinity'));
  else if (s.sessionAffinity !== 'ClientIP' && s.sessionAffinity !== 'None') errs.push(fieldError.notSupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
  if (s.sessionAffinity === 'ClientIP') errs.push(...validateClientIPAffinityConfig(s));
  else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) {
    errs.push(fieldError.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelatedFields(s));
  (s.externalIPs ?? []).forEach((ip, i) => {
    const e = validateIP(`spec.externalIPs[${i}]`, ip);
    errs.push(...(e.length ? e : validateNonSpecialIP(ip, `spec.externalIPs[${i}]`)));
  });
  if (!s.type) errs.push(fieldError.required('spec.type'));
  else if (!serviceTypes.includes(s.type)) errs.push(fieldError.notSupported('spec.type', s.type, serviceTypes));
  if (s.type === 'ClusterIP') {
    ports.forEach((p, i) => p.nodePort && errs.push(fieldError.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")));
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(fieldError.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (portKeys.has(key)) errs.push(
        fieldError.duplicate(
          `spec.ports[${i}]`,
          new GoValue(`core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`),
        ),
      );
    portKeys.add(key);
  });
  const ranges = s.loadBalancerSourceRanges ?? [];
  if (ranges.length) {
    if (s.type !== 'LoadBalancer') errs.push(fieldError.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => {
      const v = r.trim();
      if (!isCIDR(v)) errs.push(fieldError.invalid(`spec.LoadBalancerSourceRanges[${i}]`, v, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    });
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && s.type !== 'LoadBalancer') {
    errs.push(fieldError.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) errs.push(fieldError.required('allocateLoadBalancerNodePorts'));
  errs.push(...validateLoadBalancerClass(undefined, s));
  errs.push(...validateTrafficPolicies(s));
  return errs;
}

function validateClientIPAffinityConfig(s: ServiceSpec): FieldError[] {
  const p = 'spec.sessionAffinityConfig';
  const c = s.sessionAffinityConfig;
  if (!c) return [fieldError.required(p, 'when session affinity type is ClientIP')];
  if (!c.clientIP) return [fieldError.required(`${p}.clientIP`, 'when session affinity type is ClientIP')];
  const t = c.clientIP.timeoutSeconds;
  if (t === undefined) return [fieldError.required(`${p}.clientIP.timeoutSeconds`, 'when session affinity type is ClientIP')];
  if (t <= 0 || t > MaxClientIPServiceAffinitySeconds) {
    return [fieldError.invalid(`${p}.clientIP.timeoutSeconds`, t, `must be greater than 0 and less than ${MaxClientIPServiceAffinitySeconds}`)];
  }
  return [];
}

function validateLoadBalancerClass(old: ServiceSpec | undefined, s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const p = 'spec.loadBalancerClass';
  if (old?.type === 'LoadBalancer' && s.type === 'LoadBalancer' && (old.loadBalancerClass ?? null) !== (s.loadBalancerClass ?? null)) {
    errs.push(fieldError.invalid(p, s.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (s.type === 'LoadBalancer') {
    if (s.loadBalancerClass !== undefined) errs.push(...isQualifiedName(s.loadBalancerClass).map((m) => fieldError.invalid(p, s.loadBalancerClass, m)));
  } else if (s.loadBalancerClass !== undefined) {
    errs.push(fieldError.forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

function validateTrafficPolicies(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const etp = s.externalTrafficPolicy ?? '';
  if (!externallyAccessible(s)) {
    if (etp) errs.push(fieldError.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(fieldError.required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(fieldError.notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const hc = s.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(s)) {
    if (hc) errs.push(fieldError.invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  // A Local LoadBalancer's healthCheckNodePort is allocated after validation here, so it is not required yet.
  else if (hc) errs.push(...isValidPortNum(hc).map((m) => fieldError.invalid('spec.healthCheckNodePort', hc, m)));
  const itp = s.internalTrafficPolicy;
  if (itp === undefined && (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP')) errs.push(fieldError.required('spec.internalTrafficPolicy'));
  if (itp !== undefined && itp !== 'Cluster' && itp !== 'Local') errs.push(fieldError.notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  if (s.trafficDistribution !== undefined && s.trafficDistribution !== 'PreferClose') {
    errs.push(fieldError.notSupported('spec.trafficDistribution', s.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

/** validateServiceUpdate is ValidateServiceUpdate: clusterIPs and ipFamilies may not change once set. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const s = svc.spec ?? {};
  const o = old.spec ?? {};
  if (s.type !== 'ExternalName' && o.type !== 'ExternalName' && !(isHeadlessService(o) && isHeadlessService(s))) {
    const n = s.clusterIPs ?? [];
    const p = o.clusterIPs ?? [];
    const value = goStringSlice('[]string', s.clusterIPs);
    if (p.length === n.length) {
      p.forEach((ip, i) => ip !== n[i] && errs.push(fieldError.invalid(`spec.clusterIPs[${i}]`, value, 'may not change once set')));
    } else if (p.length > n.length) {
      if (n.length === 0) errs.push(fieldError.invalid('spec.clusterIPs[0]', value, 'primary clusterIP can not be unset'));
      if (p.length && n.length && n[0] !== p[0]) errs.push(fieldError.invalid('spec.clusterIPs[0]', value, 'may not change once set'));
      if (n.length === 1 && s.ipFamilyPolicy !== 'SingleStack') {
        errs.push(fieldError.invalid('spec.ipFamilyPolicy', s.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (p.length && n[0] !== p[0]) {
      errs.push(fieldError.invalid('spec.clusterIPs[0]', value, 'may not change once set'));
    }
  }
  if (s.type !== 'ExternalName' && o.type !== 'ExternalName' && isHeadlessService(s) === isHeadlessService(o) && !isHeadlessService(s)) {
    const n = s.ipFamilies ?? [];
    const p = o.ipFamilies ?? [];
    if (p.length === n.length && p.some((f, i) => f !== n[i])) {
      errs.push(fieldError.invalid('spec.ipFamilies[0]', goStringSlice('[]core.IPFamily', s.ipFamilies), 'may not change once set'));
    }
  }
  errs.push(...validateLoadBalancerClass(o, s).filter((e) => e.detail === 'may not change once set'));
  if (needsHealthCheck(o) && needsHealthCheck(s) && s.healthCheckNodePort !== o.healthCheckNodePort) {
    errs.push(fieldError.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}
