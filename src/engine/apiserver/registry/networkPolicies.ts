import type { IPBlock, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from 'kubernetes-types/networking/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import { validateLabelSelector } from '../validation/labelSelector';
import { isValidPortName, isValidPortNum, nameIsDNSSubdomain } from '../validation/names';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { goQuote } from './goValue';
import { cidrContains, isValidCIDR, parseCIDR } from './ipValidation';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, metaOf, semanticDeepEqual } from './strategyHelpers';

// NetworkPolicy as pkg/apis/networking/v1/defaults.go, pkg/apis/networking/validation/validation.go
// and pkg/registry/networking/networkpolicy/strategy.go of v1.32 define it.

/** setDefaultsNetworkPolicy is SetDefaults_NetworkPolicy with SetDefaults_NetworkPolicyPort. */
export function setDefaultsNetworkPolicy(np: NetworkPolicy): void {
  const spec = (np.spec ??= {} as NetworkPolicySpec);
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
    for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
  }
  if (!spec.policyTypes?.length) {
    // A policy that names no types is at least about Ingress, and Egress when it has egress rules.
    spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

function validateNetworkPolicyPort(port: NetworkPolicyPort, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const protocols = ['TCP', 'UDP', 'SCTP'];
  if (port.protocol !== undefined && !protocols.includes(port.protocol)) {
    errs.push(fieldError.notSupported(`${path}.protocol`, port.protocol, protocols));
  }
  if (port.port !== undefined) {
    if (typeof port.port === 'number') {
      for (const msg of isValidPortNum(port.port)) errs.push(fieldError.invalid(`${path}.port`, port.port, msg));
      if (port.endPort !== undefined) {
        if (port.endPort < port.port) errs.push(fieldError.invalid(`${path}.endPort`, port.port, 'must be greater than or equal to `port`'));
        for (const msg of isValidPortNum(port.endPort)) errs.push(fieldError.invalid(`${path}.endPort`, port.endPort, msg));
      }
    } else {
      if (port.endPort !== undefined) {
        errs.push(fieldError.invalid(`${path}.endPort`, port.endPort, 'may not be specified when `port` is non-numeric'));
      }
      for (const msg of isValidPortName(port.port)) errs.push(fieldError.invalid(`${path}.port`, port.port, msg));
    }
  } else if (port.endPort !== undefined) {
    errs.push(fieldError.invalid(`${path}.endPort`, port.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validateIPBlock(ipb: IPBlock, path: string): FieldError[] {
  if (!ipb.cidr) return [fieldError.required(`${path}.cidr`)];
  const errs = isValidCIDR(`${path}.cidr`, ipb.cidr);
  const net = parseCIDR(ipb.cidr);
  if (!net) return errs;
  (ipb.except ?? []).forEach((except, i) => {
    const p = `${path}.except[${i}]`;
    errs.push(...isValidCIDR(p, except));
    const ex = parseCIDR(except);
    if (ex && (!cidrContains(net, ex) || net.prefix >= ex.prefix)) errs.push(fieldError.invalid(p, except, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validateNetworkPolicyPeer(peer: NetworkPolicyPeer, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  if (peer.podSelector) {
    peers++;
    errs.push(...validateLabelSelector(peer.podSelector, `${path}.podSelector`));
  }
  if (peer.namespaceSelector) {
    peers++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`));
  }
  if (peer.ipBlock) {
    peers++;
    errs.push(...validateIPBlock(peer.ipBlock, `${path}.ipBlock`));
  }
  if (peers === 0) errs.push(fieldError.required(path, 'must specify a peer'));
  else if (peers > 1 && peer.ipBlock) errs.push(fieldError.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

/** validateNetworkPolicySpec is ValidateNetworkPolicySpec. */
export function validateNetworkPolicySpec(spec: NetworkPolicySpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as NetworkPolicySpec);
  const errs = validateLabelSelector(s.podSelector ?? {}, `${path}.podSelector`);
  (s.ingress ?? []).forEach((rule, i) => {
    (rule.ports ?? []).forEach((p, j) => errs.push(...validateNetworkPolicyPort(p, `${path}.ingress[${i}].ports[${j}]`)));
    (rule.from ?? []).forEach((p, j) => errs.push(...validateNetworkPolicyPeer(p, `${path}.ingress[${i}].from[${j}]`)));
  });
  (s.egress ?? []).forEach((rule, i) => {
    (rule.ports ?? []).forEach((p, j) => errs.push(...validateNetworkPolicyPort(p, `${path}.egress[${i}].ports[${j}]`)));
    (rule.to ?? []).forEach((p, j) => errs.push(...validateNetworkPolicyPeer(p, `${path}.egress[${i}].to[${j}]`)));
  });
  const types = s.policyTypes ?? [];
  if (types.length > 2) {
    // The bad value is a *[]networking.PolicyType, dereferenced when printed.
    const bad = new GoValue(`[]networking.PolicyType{${types.map(goQuote).join(', ')}}`);
    errs.push(fieldError.invalid(`${path}.policyTypes`, bad, 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(fieldError.notSupported(`${path}.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  return errs;
}

/** validateNetworkPolicy is ValidateNetworkPolicy. */
export function validateNetworkPolicy(np: NetworkPolicy): FieldError[] {
  return [...validateObjectMeta(np.metadata, true, nameIsDNSSubdomain), ...validateNetworkPolicySpec(np.spec, 'spec')];
}

/** validateNetworkPolicyUpdate is ValidateNetworkPolicyUpdate. */
export function validateNetworkPolicyUpdate(np: NetworkPolicy, old: NetworkPolicy): FieldError[] {
  return [...validateObjectMetaUpdate(np.metadata, old.metadata), ...validateNetworkPolicySpec(np.spec, 'spec')];
}

const asNetworkPolicy = (o: KubeObject) => o as unknown as NetworkPolicy;

/** networkPolicyStrategy is the REST strategy of networking.k8s.io/v1 networkpolicies. */
export const networkPolicyStrategy: ResourceStrategy = {
  def: Resources.networkpolicies,
  defaults: (obj) => setDefaultsNetworkPolicy(asNetworkPolicy(obj)),
  prepareForCreate(obj) {
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    bumpGenerationIf(obj, old, !semanticDeepEqual(obj.spec, old.spec));
  },
  validate: (obj) => validateNetworkPolicy(asNetworkPolicy(obj)),
  validateUpdate: (obj, old) => validateNetworkPolicyUpdate(asNetworkPolicy(obj), asNetworkPolicy(old)),
};
