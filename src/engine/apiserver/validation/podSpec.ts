import type { Pod, PodDNSConfig, PodSecurityContext, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isDNS1123Label, isDNS1123Subdomain, isValidUserID, nameIsDNSSubdomain } from './names';
import { validateLabels, validateLabelName } from './labelSelector';
import { validateAnnotations, validateObjectMeta } from './objectMeta';
import { validateIP } from './ip';
import { validateContainers, validateInitContainers, validateSeccompProfileField } from './containers';
import { validateVolumes } from './volumes';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling';
import { validateResourceRequirements } from './resources';

// PodSpec validation of pkg/apis/core/validation/validation.go (v1.32): ValidatePodSpec,
// ValidatePodTemplateSpec and ValidatePodCreate, with the feature gates a v1.32 cluster has on.

/** PodValidationOptions carries what differs between a Pod and a PodSpec embedded elsewhere. */
export interface PodValidationOptions {
  /** podName is the pod's name when validating a Pod (ephemeral volume PVC names derive from it). */
  podName?: string;
  /** resourceIsPod is true for Pods: hostNetwork then requires hostPort == containerPort. */
  resourceIsPod?: boolean;
}

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MaxDNSNameservers = 3;
const MaxDNSSearchPaths = 32;
const MaxDNSSearchListChars = 2048;
const maxInt32 = 2147483647;

/** validatePodSpec checks a PodSpec at path (e.g. "spec" or "spec.template.spec"). */
export function validatePodSpec(spec: PodSpec | undefined, path: string, opts: PodValidationOptions = {}): FieldError[] {
  const s: PodSpec = spec ?? { containers: [] };
  const errs: FieldError[] = [];
  const gracePeriod = s.terminationGracePeriodSeconds ?? 0;
  const vols = validateVolumes(s.volumes, opts.podName, `${path}.volumes`);
  errs.push(...vols.errs);
  errs.push(...validateContainers(s.containers, vols.names, gracePeriod, `${path}.containers`));
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols.names, gracePeriod, `${path}.initContainers`));
  errs.push(...validatePodHostNetworkDeps(s, path, opts));
  errs.push(...validateEnum(s.restartPolicy, restartPolicies, `${path}.restartPolicy`));
  errs.push(...validateEnum(s.dnsPolicy, dnsPolicies, `${path}.dnsPolicy`));
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validatePodSecurityContext(s.securityContext, `${path}.securityContext`));
  (s.imagePullSecrets ?? []).forEach((ref, i) => {
    const extra = Object.keys(ref).filter((k) => k !== 'name' && (ref as Record<string, unknown>)[k] !== undefined);
    if (extra.length) errs.push(fieldError.invalid(`${path}.imagePullSecrets[${i}]`, ref, 'only name may be set'));
  });
  errs.push(...validateAffinity(s.affinity, `${path}.affinity`));
  errs.push(...validatePodDNSConfig(s.dnsConfig, s.dnsPolicy, `${path}.dnsConfig`));
  (s.readinessGates ?? []).forEach((g, i) => errs.push(...validateLabelName(g.conditionType, `${path}.readinessGates[${i}].conditionType`)));
  const gates = new Set<string>();
  (s.schedulingGates ?? []).forEach((g, i) => {
    errs.push(...validateLabelName(g.name, `${path}.schedulingGates[${i}]`));
    if (gates.has(g.name)) errs.push(fieldError.duplicate(`${path}.schedulingGates[${i}]`, g.name));
    gates.add(g.name);
  });
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  errs.push(...validateName(s.serviceAccountName, `${path}.serviceAccountName`));
  errs.push(...validateName(s.nodeName, `${path}.nodeName`));
  const ads = s.activeDeadlineSeconds;
  if (ads !== undefined && (ads < 1 || ads > maxInt32)) {
    errs.push(fieldError.invalid(`${path}.activeDeadlineSeconds`, ads, `must be between 1 and ${maxInt32}, inclusive`));
  }
  for (const key of ['hostname', 'subdomain'] as const) {
    const v = s[key];
    if (v) errs.push(...isDNS1123Label(v).map((m) => fieldError.invalid(`${path}.${key}`, v, m)));
  }
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  (s.hostAliases ?? []).forEach((ha, i) => {
    errs.push(...validateIP(`${path}.hostAliases[${i}].ip`, ha.ip ?? ''));
    (ha.hostnames ?? []).forEach((h, j) => errs.push(...isDNS1123Subdomain(h).map((m) => fieldError.invalid(`${path}.hostAliases[${i}].hostnames[${j}]`, h, m))));
  });
  errs.push(...validateName(s.priorityClassName, `${path}.priorityClassName`));
  if (s.runtimeClassName !== undefined) errs.push(...isDNS1123Subdomain(s.runtimeClassName).map((m) => fieldError.invalid(`${path}.runtimeClassName`, s.runtimeClassName, m)));
  if (s.preemptionPolicy !== undefined) errs.push(...validateEnum(s.preemptionPolicy, ['PreemptLowerPriority', 'Never'], `${path}.preemptionPolicy`));
  if (s.overhead) errs.push(...validateResourceRequirements({ limits: s.overhead }, `${path}.overhead`));
  if (s.os && s.os.name !== 'linux' && s.os.name !== 'windows') errs.push(fieldError.notSupported(`${path}.os.name`, s.os.name, ['linux', 'windows']));
  return errs;
}

function validateEnum(value: string | undefined, valid: string[], path: string): FieldError[] {
  if (!value) return [fieldError.required(path)];
  return valid.includes(value) ? [] : [fieldError.notSupported(path, value, valid)];
}

function validateName(value: string | undefined, path: string): FieldError[] {
  return value ? nameIsDNSSubdomain(value, false).map((m) => fieldError.invalid(path, value, m)) : [];
}

function validatePodHostNetworkDeps(s: PodSpec, path: string, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.hostNetwork) return errs;
  (s.containers ?? []).forEach((c, i) => {
    (c.ports ?? []).forEach((port, j) => {
      const hp = port.hostPort ?? 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
        errs.push(fieldError.invalid(`${path}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validatePodSecurityContext(sc: PodSecurityContext | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc) return errs;
  for (const key of ['fsGroup', 'runAsUser', 'runAsGroup'] as const) {
    const v = sc[key];
    if (v !== undefined) errs.push(...isValidUserID(v).map((m) => fieldError.invalid(`${path}.${key}`, v, m)));
  }
  (sc.supplementalGroups ?? []).forEach((g, i) => errs.push(...isValidUserID(g).map((m) => fieldError.invalid(`${path}.supplementalGroups[${i}]`, g, m))));
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(fieldError.notSupported(`${path}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, `${path}.seccompProfile`));
  return errs;
}

function validatePodDNSConfig(c: PodDNSConfig | undefined, policy: string | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (policy === 'None') {
    if (!c) return [fieldError.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!c.nameservers?.length) return [fieldError.required(`${path}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!c) return errs;
  const ns = c.nameservers ?? [];
  if (ns.length > MaxDNSNameservers) errs.push(fieldError.invalid(`${path}.nameservers`, ns, `must not have more than ${MaxDNSNameservers} nameservers`));
  ns.forEach((n, i) => errs.push(...validateIP(`${path}.nameservers[${i}]`, n)));
  const searches = c.searches ?? [];
  if (searches.length > MaxDNSSearchPaths) errs.push(fieldError.invalid(`${path}.searches`, searches, `must not have more than ${MaxDNSSearchPaths} search paths`));
  if (searches.join(' ').length > MaxDNSSearchListChars) {
    errs.push(fieldError.invalid(`${path}.searches`, searches, `must not have more than ${MaxDNSSearchListChars} characters (including spaces) in the search list`));
  }
  searches.forEach((sp, i) => {
    const v = sp.endsWith('.') ? sp.slice(0, -1) : sp;
    errs.push(...isDNS1123Subdomain(v).map((m) => fieldError.invalid(`${path}.searches[${i}]`, v, m)));
  });
  (c.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(fieldError.required(`${path}.options[${i}]`, 'must not be empty'));
  });
  return errs;
}

/**
 * validatePodTemplateSpec checks a pod template at path (e.g. "spec.template"). As upstream, the
 * template's labels and annotations are reported at "<path>.labels", not "<path>.metadata.labels".
 */
export function validatePodTemplateSpec(tpl: PodTemplateSpec | undefined, path: string): FieldError[] {
  const meta = tpl?.metadata ?? {};
  const errs = [...validateLabels(meta.labels, `${path}.labels`), ...validateAnnotations(meta.annotations, `${path}.annotations`)];
  errs.push(...validatePodSpec(tpl?.spec, `${path}.spec`));
  if (tpl?.spec?.ephemeralContainers?.length) {
    errs.push(fieldError.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/** validatePodMetadataAndSpec is what Pod create and update share. */
export function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  const spec = pod.spec;
  errs.push(...validatePodSpec(spec, 'spec', { podName: pod.metadata?.name, resourceIsPod: true }));
  if (!spec?.serviceAccountName) {
    (spec?.volumes ?? []).forEach((v, vi) => {
      (v.projected?.sources ?? []).forEach((src, si) => {
        if (src.serviceAccountToken) {
          errs.push(fieldError.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  for (const key of ['containers', 'initContainers'] as const) {
    (spec?.[key] ?? []).forEach((c, i) => {
      if (c.image !== undefined && c.image !== c.image.trim()) {
        errs.push(fieldError.invalid(`spec.${key}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
      }
    });
  }
  return errs;
}

/** validatePodCreate is ValidatePodCreate. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if (pod.spec?.ephemeralContainers?.length) errs.push(fieldError.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (pod.spec?.nodeName && pod.spec.schedulingGates?.length) {
    errs.push(fieldError.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}
