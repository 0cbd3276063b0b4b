import type { EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import { validateLabels } from '../validation/labelSelector';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from '../validation/names';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isValidIPv4Address, isValidIPv6Address, validateNonSpecialIP } from './ipValidation';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, metaOf, semanticDeepEqual } from './strategyHelpers';

// EndpointSlice as pkg/apis/discovery/v1/defaults.go, pkg/apis/discovery/validation/validation.go
// and pkg/registry/discovery/endpointslice/strategy.go of v1.32 define it.

const maxEndpoints = 1000;
const maxAddresses = 100;
const maxPorts = 20000;
const maxTopologyLabels = 16;
const maxHints = 8;
const addressTypes = ['FQDN', 'IPv4', 'IPv6'];
const portProtocols = ['SCTP', 'TCP', 'UDP'];

/** setDefaultsEndpointSlice applies SetDefaults_EndpointPort to every port: name "" and protocol TCP. */
export function setDefaultsEndpointSlice(eps: EndpointSlice): void {
  for (const p of eps.ports ?? []) {
    p.name ??= '';
    p.protocol ??= 'TCP';
  }
}

const dns1123Label = (value: string, path: string) => isDNS1123Label(value).map((msg) => fieldError.invalid(path, value, msg));

// isFullyQualifiedDomainName is validation.IsFullyQualifiedDomainName.
function isFullyQualifiedDomainName(path: string, name: string): FieldError[] {
  let s = name.toLowerCase();
  if (s.endsWith('.')) s = s.slice(0, -1);
  const errs: FieldError[] = [];
  if (s.length === 0) return [fieldError.required(path)];
  if (s.split('.').length < 2) errs.push(fieldError.invalid(path, s, 'should be a domain with at least two segments separated by dots'));
  for (const label of s.split('.')) errs.push(...dns1123Label(label, path));
  return errs;
}

function validateEndpoints(eps: EndpointSlice, path: string): FieldError[] {
  const endpoints = eps.endpoints ?? [];
  if (endpoints.length > maxEndpoints) return [fieldError.tooMany(path, endpoints.length, maxEndpoints)];
  const errs: FieldError[] = [];
  endpoints.forEach((ep, i) => {
    const p = `${path}[${i}]`;
    const addresses = ep.addresses ?? [];
    if (addresses.length === 0) errs.push(fieldError.required(`${p}.addresses`, 'must contain at least 1 address'));
    else if (addresses.length > maxAddresses) errs.push(fieldError.tooMany(`${p}.addresses`, addresses.length, maxAddresses));
    addresses.forEach((addr, j) => {
      const ap = `${p}.addresses[${j}]`;
      if (eps.addressType === 'IPv4' || eps.addressType === 'IPv6') {
        const ipErrs = eps.addressType === 'IPv4' ? isValidIPv4Address(ap, addr) : isValidIPv6Address(ap, addr);
        errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(addr, ap)));
      } else if (eps.addressType === 'FQDN') {
        errs.push(...isFullyQualifiedDomainName(ap, addr));
      }
    });
    if (ep.nodeName !== undefined) {
      for (const msg of nameIsDNSSubdomain(ep.nodeName, false)) errs.push(fieldError.invalid(`${p}.nodeName`, ep.nodeName, msg));
    }
    const topology = ep.deprecatedTopology;
    if (topology && Object.keys(topology).length > maxTopologyLabels) {
      errs.push(fieldError.tooMany(`${p}.deprecatedTopology`, Object.keys(topology).length, maxTopologyLabels));
    }
    errs.push(...validateLabels(topology, `${p}.deprecatedTopology`));
    if (ep.hostname !== undefined) errs.push(...dns1123Label(ep.hostname, `${p}.hostname`));
    const zones = ep.hints?.forZones ?? [];
    if (zones.length > maxHints) errs.push(fieldError.tooMany(`${p}.hints.forZones`, zones.length, maxHints));
    else {
      const seen = new Set<string>();
      zones.forEach((z, k) => {
        const zp = `${p}.hints.forZones[${k}].name`;
        if (seen.has(z.name)) errs.push(fieldError.duplicate(zp, z.name));
        seen.add(z.name);
        for (const msg of isValidLabelValue(z.name)) errs.push(fieldError.invalid(zp, z.name, msg));
      });
    }
  });
  return errs;
}

function validatePorts(ports: EndpointPort[] | undefined, path: string): FieldError[] {
  const list = ports ?? [];
  if (list.length > maxPorts) return [fieldError.tooMany(path, list.length, maxPorts)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((port, i) => {
    const p = `${path}[${i}]`;
    const name = port.name ?? '';
    if (name.length > 0) errs.push(...dns1123Label(name, `${p}.name`));
    if (names.has(name)) errs.push(fieldError.duplicate(`${p}.name`, name));
    names.add(name);
    if (port.protocol === undefined) errs.push(fieldError.required(`${p}.protocol`));
    else if (!portProtocols.includes(port.protocol)) errs.push(fieldError.notSupported(`${p}.protocol`, port.protocol, portProtocols));
    if (port.appProtocol !== undefined) {
      for (const msg of isQualifiedName(port.appProtocol)) errs.push(fieldError.invalid(`${p}.appProtocol`, port.appProtocol, msg));
    }
  });
  return errs;
}

/** validateEndpointSlice is ValidateEndpointSlice. */
export function validateEndpointSlice(eps: EndpointSlice): FieldError[] {
  const errs = validateObjectMeta(eps.metadata, true, nameIsDNSSubdomain);
  const type = eps.addressType ?? '';
  if (type === '') errs.push(fieldError.required('addressType'));
  else if (!addressTypes.includes(type)) errs.push(fieldError.notSupported('addressType', type, addressTypes));
  errs.push(...validateEndpoints(eps, 'endpoints'), ...validatePorts(eps.ports, 'ports'));
  return errs;
}

/** validateEndpointSliceUpdate is ValidateEndpointSliceUpdate: the address type is fixed. */
export function validateEndpointSliceUpdate(eps: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errs = [...validateObjectMetaUpdate(eps.metadata, old.metadata), ...validateEndpointSlice(eps)];
  if (eps.addressType !== old.addressType) errs.push(fieldError.invalid('addressType', eps.addressType ?? '', FieldImmutableErrorMsg));
  return errs;
}

const asSlice = (o: KubeObject) => o as unknown as EndpointSlice;

/** endpointSliceStrategy is the REST strategy of discovery.k8s.io/v1 endpointslices. */
export const endpointSliceStrategy: ResourceStrategy = {
  def: Resources.endpointslices,
  defaults: (obj) => setDefaultsEndpointSlice(asSlice(obj)),
  prepareForCreate(obj) {
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj: KubeObject, old: StoredObject) {
    // Anything but metadata (there is no status) bumps the generation, and so do labels.
    const { metadata: m1, ...rest } = obj;
    const { metadata: m2, ...oldRest } = old;
    bumpGenerationIf(obj, old, !semanticDeepEqual(rest, oldRest) || !semanticDeepEqual(m1?.labels, m2.labels));
  },
  validate: (obj) => validateEndpointSlice(asSlice(obj)),
  validateUpdate: (obj, old) => validateEndpointSliceUpdate(asSlice(obj), asSlice(old)),
};
