import type { Node, NodeSpec, NodeStatus, Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { defaultsOrDecodeError } from './decodeError';
import { setDefaultsResourceList } from '../defaults/resources';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isValidLabelValue, nameIsDNSSubdomain } from '../validation/names';
import { validateLabelName } from '../validation/labelSelector';
import { validateTaintEffect } from '../validation/scheduling';
import { validateResourceQuantityValue } from '../validation/resources';
import { isIPv6, parseCIDRv4 } from '../validation/ip';

// The Node strategy of pkg/registry/core/node/strategy.go with ValidateNode / ValidateNodeUpdate
// (v1.32). Anyone may update status; podCIDRs and providerID are set once.

const asNode = (o: KubeObject) => o as unknown as Node;

/** PodCIDRImmutableMsg is what changing an assigned pod CIDR reports. */
export const PodCIDRImmutableMsg = 'node updates may not change podCIDR except from "" to valid';

function setDefaultsNode(obj: KubeObject): void {
  const spec = ((obj.spec ??= {}) as NodeSpec & { podCIDRs?: string[]; podCIDR?: string });
  // v1 conversion: podCIDR is the first of podCIDRs.
  if (!spec.podCIDRs?.length && spec.podCIDR) spec.podCIDRs = [spec.podCIDR];
  if (spec.podCIDRs?.length) spec.podCIDR = spec.podCIDRs[0];
  const status = obj.status as (NodeStatus & { allocatable?: Record<string, unknown> }) | undefined;
  if (!status) return;
  setDefaultsResourceList(status.capacity as Record<string, unknown> | undefined);
  if (status.allocatable === undefined && status.capacity) status.allocatable = { ...status.capacity };
  setDefaultsResourceList(status.allocatable);
}

function isCIDR(s: string): boolean {
  if (parseCIDRv4(s)) return true;
  const [ip, len] = s.split('/');
  return isIPv6(ip ?? '') && /^[0-9]+$/.test(len ?? '') && Number(len) <= 128;
}

function taintText(t: Taint): GoValue {
  return new GoValue(`core.Taint{Key:${JSON.stringify(t.key ?? '')}, Value:${JSON.stringify(t.value ?? '')}, Effect:${JSON.stringify(t.effect ?? '')}, TimeAdded:<nil>}`);
}

/** validateNodeTaints checks taints; upstream reports them under "metadata.taints". */
function validateNodeTaints(taints: Taint[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateLabelName(t.key ?? '', `${p}.key`));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length) errs.push(fieldError.invalid(`${p}.value`, t.value ?? '', msgs.join(';')));
    errs.push(...validateTaintEffect(t.effect, false, `${p}.effect`));
    const keys = seen.get(t.effect ?? '') ?? new Set<string>();
    if (keys.has(t.key)) {
      errs.push({ ...fieldError.duplicate(p, taintText(t)), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(t.key);
    seen.set(t.effect ?? '', keys);
  });
  return errs;
}

function validateNodeResources(n: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['capacity', 'allocatable'] as const) {
    for (const [k, v] of Object.entries(n.status?.[key] ?? {})) errs.push(...validateResourceQuantityValue(k, v, `status.${key}.${k}`));
  }
  return errs;
}

function validateNode(n: Node): FieldError[] {
  const errs = validateObjectMeta(n.metadata, false, nameIsDNSSubdomain);
  if (n.spec?.taints?.length) errs.push(...validateNodeTaints(n.spec.taints, 'metadata.taints'));
  errs.push(...validateNodeResources(n));
  const cidrs = n.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => {
    if (!isCIDR(c)) errs.push(fieldError.invalid(`spec.podCIDRs[${i}]`, c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  if (cidrs.length > 1) {
    const v4 = cidrs.filter((c) => parseCIDRv4(c)).length;
    if (cidrs.length > 2 || v4 !== 1) errs.push(fieldError.invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
    cidrs.forEach((c, i) => {
      if (cidrs.indexOf(c) < i) errs.push(fieldError.duplicate(`spec.podCIDRs[${i}]`, c));
    });
  }
  return errs;
}

function validateNodeUpdate(n: Node, o: Node): FieldError[] {
  const errs = validateObjectMetaUpdate(n.metadata, o.metadata);
  errs.push(...validateNodeResources(n));
  const seen = new Set<string>();
  (n.status?.addresses ?? []).forEach((a, i) => {
    const key = `${a.type}/${a.address}`;
    if (seen.has(key)) errs.push(fieldError.duplicate(`status.addresses[${i}]`, new GoValue(`core.NodeAddress{Type:${JSON.stringify(a.type)}, Address:${JSON.stringify(a.address)}}`)));
    seen.add(key);
  });
  const oc = o.spec?.podCIDRs ?? [];
  const nc = n.spec?.podCIDRs ?? [];
  if (oc.length > 0) {
    if (oc.length !== nc.length) errs.push(fieldError.forbidden('spec.podCIDRs', PodCIDRImmutableMsg));
    else oc.forEach((c, i) => c !== nc[i] && errs.push(fieldError.forbidden('spec.podCIDRs', PodCIDRImmutableMsg)));
  }
  const oldProvider = o.spec?.providerID ?? '';
  if (oldProvider && oldProvider !== (n.spec?.providerID ?? '')) {
    errs.push(fieldError.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  if (n.spec?.taints?.length) errs.push(...validateNodeTaints(n.spec.taints, 'metadata.taints'));
  if ((n.spec?.externalID ?? '') !== (o.spec?.externalID ?? '')) errs.push(fieldError.forbidden('spec.externalID', 'may not be updated'));
  return errs;
}

/** nodesStrategy is the strategy of core/v1 nodes and their status subresource. */
export const nodesStrategy: ResourceStrategy = {
  def: Resources.nodes,
  defaults: defaultsOrDecodeError(Resources.nodes, setDefaultsNode),
  prepareForCreate(obj) {
    delete (obj.spec as { configSource?: unknown } | undefined)?.configSource;
    delete (obj.status as { config?: unknown } | undefined)?.config;
  },
  prepareForUpdate(obj, old) {
    obj.status = old.status;
  },
  validate: (obj) => validateNode(asNode(obj)),
  validateUpdate: (obj, old) => [...validateNode(asNode(obj)), ...validateNodeUpdate(asNode(obj), asNode(old))],
  status: {
    prepareForUpdate(obj, old) {
      obj.spec = old.spec;
      // The generic registry does not default status writes; decoding them upstream does.
      defaultsOrDecodeError(Resources.nodes, setDefaultsNode)(obj);
    },
    validateUpdate: (obj, old) => validateNodeUpdate(asNode(obj), asNode(old)),
  },
  fieldSelectors: { 'spec.unschedulable': (o) => String(asNode(o).spec?.unschedulable ?? false) },
};
