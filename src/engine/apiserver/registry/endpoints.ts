import type { EndpointAddress, EndpointPort, Endpoints } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from '../validation/names';
import { isIP, parseIPv4, validateIP } from '../validation/ip';
import { supportedPortProtocols } from '../validation/containers';

// The Endpoints strategy of pkg/registry/core/endpoint/strategy.go with ValidateEndpoints (v1.32).
// Endpoints may be created by PUT, as the endpoints controller does.

const asEndpoints = (o: KubeObject) => o as unknown as Endpoints;

/** validateNonSpecialIP rejects unspecified, loopback and link-local addresses (ValidateNonSpecialIP). */
export function validateNonSpecialIP(ip: string, path: string): FieldError[] {
  if (!isIP(ip)) return [fieldError.invalid(path, ip, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const v4 = parseIPv4(ip);
  const lower = ip.toLowerCase();
  const unspecified = v4 === 0 || /^[0:]+$/.test(lower);
  const loopback = v4 !== undefined ? v4 >>> 24 === 127 : /^[0:]*:0*1$/.test(lower);
  const linkLocal = v4 !== undefined ? v4 >>> 16 === 0xa9fe : /^fe[89ab][0-9a-f]?:/.test(lower);
  const linkLocalMulticast = v4 !== undefined ? v4 >>> 8 === 0xe00000 : /^ff02:/.test(lower);
  if (unspecified) errs.push(fieldError.invalid(path, ip, `may not be unspecified (${ip})`));
  if (loopback) errs.push(fieldError.invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal) errs.push(fieldError.invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(fieldError.invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

function validateAddress(a: EndpointAddress, path: string): FieldError[] {
  const errs = validateIP(`${path}.ip`, a.ip ?? '');
  if (a.hostname) errs.push(...isDNS1123Label(a.hostname).map((m) => fieldError.invalid(`${path}.hostname`, a.hostname, m)));
  if (a.nodeName !== undefined) errs.push(...isDNS1123Subdomain(a.nodeName).map((m) => fieldError.invalid(`${path}.nodeName`, a.nodeName, m)));
  errs.push(...validateNonSpecialIP(a.ip ?? '', `${path}.ip`));
  return errs;
}

function validatePort(p: EndpointPort, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fieldError.required(`${path}.name`));
  else if (p.name) errs.push(...isDNS1123Label(p.name).map((m) => fieldError.invalid(`${path}.name`, p.name, m)));
  errs.push(...isValidPortNum(p.port).map((m) => fieldError.invalid(`${path}.port`, p.port, m)));
  if (!p.protocol) errs.push(fieldError.required(`${path}.protocol`));
  else if (!supportedPortProtocols.includes(p.protocol)) errs.push(fieldError.notSupported(`${path}.protocol`, p.protocol, supportedPortProtocols));
  if (p.appProtocol !== undefined) errs.push(...isQualifiedName(p.appProtocol).map((m) => fieldError.invalid(`${path}.appProtocol`, p.appProtocol, m)));
  return errs;
}

function validateEndpoints(e: Endpoints): FieldError[] {
  const errs = validateObjectMeta(e.metadata, true, nameIsDNSSubdomain);
  (e.subsets ?? []).forEach((ss, i) => {
    const p = `subsets[${i}]`;
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) errs.push(fieldError.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, `${p}.addresses[${j}]`)));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, `${p}.notReadyAddresses[${j}]`)));
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => errs.push(...validatePort(port, ports.length > 1, `${p}.ports[${j}]`)));
  });
  return errs;
}

/** endpointsStrategy is the strategy of core/v1 endpoints. */
export const endpointsStrategy: ResourceStrategy = {
  def: Resources.endpoints,
  allowCreateOnUpdate: true,
  defaults(obj) {
    for (const ss of asEndpoints(obj).subsets ?? []) for (const p of ss.ports ?? []) (p as { protocol?: string }).protocol ||= 'TCP';
  },
  validate: (obj) => validateEndpoints(asEndpoints(obj)),
  validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateEndpoints(asEndpoints(obj))],
};
