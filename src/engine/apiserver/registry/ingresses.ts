import type {
  HTTPIngressPath,
  Ingress,
  IngressBackend,
  IngressLoadBalancerIngress,
  IngressRule,
  IngressSpec,
} from 'kubernetes-types/networking/v1';
import type { TypedLocalObjectReference } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import {
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
} from '../validation/names';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isValidIP, parseIP } from './ipValidation';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf, resetStatus, semanticDeepEqual } from './strategyHelpers';

// Ingress as pkg/apis/networking/validation/validation.go and pkg/registry/networking/ingress/
// strategy.go of v1.32 define it. networking.k8s.io/v1 has no Ingress defaults: pathType is required.

/** AnnotationIngressClass is the legacy annotation naming an Ingress's class. */
export const AnnotationIngressClass = 'kubernetes.io/ingress.class';

const supportedPathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];
const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];

interface IngressValidationOptions {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
}

/** validateIngressTypedLocalObjectReference checks a resource backend or IngressClass parameters. */
export function validateIngressTypedLocalObjectReference(ref: TypedLocalObjectReference | undefined, path: string): FieldError[] {
  if (!ref) return [];
  const errs: FieldError[] = [];
  if (ref.apiGroup !== undefined) {
    for (const msg of isDNS1123Subdomain(ref.apiGroup)) errs.push(fieldError.invalid(`${path}.apiGroup`, ref.apiGroup, msg));
  }
  if (!ref.kind) errs.push(fieldError.required(`${path}.kind`, 'kind is required'));
  else for (const msg of isValidPathSegmentName(ref.kind)) errs.push(fieldError.invalid(`${path}.kind`, ref.kind, msg));
  if (!ref.name) errs.push(fieldError.required(`${path}.name`, 'name is required'));
  else for (const msg of isValidPathSegmentName(ref.name)) errs.push(fieldError.invalid(`${path}.name`, ref.name, msg));
  return errs;
}

function validateIngressBackend(b: IngressBackend, path: string): FieldError[] {
  if (b.resource && b.service) return [fieldError.invalid(path, '', 'cannot set both resource and service backends')];
  if (b.resource) return validateIngressTypedLocalObjectReference(b.resource, `${path}.resource`);
  if (!b.service) return [fieldError.invalid(path, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const svc = b.service;
  if (!svc.name) errs.push(fieldError.required(`${path}.service.name`));
  else for (const msg of nameIsDNS1035Label(svc.name, false)) errs.push(fieldError.invalid(`${path}.service.name`, svc.name, msg));
  const portName = svc.port?.name ?? '';
  const portNumber = svc.port?.number ?? 0;
  if (portName && portNumber) errs.push(fieldError.invalid(path, '', 'cannot set both port name & port number'));
  else if (portName) {
    for (const msg of isValidPortName(portName)) errs.push(fieldError.invalid(`${path}.service.port.name`, portName, msg));
  } else if (portNumber) {
    for (const msg of isValidPortNum(portNumber)) errs.push(fieldError.invalid(`${path}.service.port.number`, portNumber, msg));
  } else errs.push(fieldError.required(path, 'port name or number is required'));
  return errs;
}

function validateHTTPIngressPath(p: HTTPIngressPath, path: string): FieldError[] {
  if (p.pathType === undefined) return [fieldError.required(`${path}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = p.path ?? '';
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/')) errs.push(fieldError.invalid(`${path}.path`, value, 'must be an absolute path'));
      for (const seq of invalidPathSequences) {
        if (value.includes(seq)) errs.push(fieldError.invalid(`${path}.path`, value, `must not contain '${seq}'`));
      }
      for (const suffix of invalidPathSuffixes) {
        if (value.endsWith(suffix)) errs.push(fieldError.invalid(`${path}.path`, value, `cannot end with '${suffix}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (value.length > 0 && !value.startsWith('/')) errs.push(fieldError.invalid(`${path}.path`, value, 'must be an absolute path'));
      break;
    default:
      errs.push(fieldError.notSupported(`${path}.pathType`, p.pathType, supportedPathTypes));
  }
  errs.push(...validateIngressBackend(p.backend ?? {}, `${path}.backend`));
  return errs;
}

function validateIngressRules(rules: IngressRule[], path: string, opts: IngressValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const host = rule.host ?? '';
    let wildcard = false;
    if (host.length > 0) {
      if (parseIP(host)) errs.push(fieldError.invalid(`${path}[${i}].host`, host, 'must be a DNS name, not an IP address'));
      if (host.includes('*')) {
        for (const msg of isWildcardDNS1123Subdomain(host)) errs.push(fieldError.invalid(`${path}[${i}].host`, host, msg));
        wildcard = true;
      } else {
        for (const msg of isDNS1123Subdomain(host)) errs.push(fieldError.invalid(`${path}[${i}].host`, host, msg));
      }
    }
    if ((!wildcard || !opts.allowInvalidWildcardHostRule) && rule.http) {
      const paths = rule.http.paths ?? [];
      if (paths.length === 0) errs.push(fieldError.required(`${path}[${i}].http.paths`));
      paths.forEach((p, j) => errs.push(...validateHTTPIngressPath(p, `${path}[${i}].http.paths[${j}]`)));
    }
  });
  return errs;
}

function validateIngressSpec(spec: IngressSpec | undefined, path: string, opts: IngressValidationOptions): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const rules = s.rules ?? [];
  if (rules.length === 0 && !s.defaultBackend) {
    const bad = new GoValue(s.rules === undefined ? '[]networking.IngressRule(nil)' : '[]networking.IngressRule{}');
    errs.push(fieldError.invalid(path, bad, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (s.defaultBackend) errs.push(...validateIngressBackend(s.defaultBackend, `${path}.defaultBackend`));
  if (rules.length > 0) errs.push(...validateIngressRules(rules, `${path}.rules`, opts));
  (s.tls ?? []).forEach((tls, t) => {
    (tls.hosts ?? []).forEach((host, i) => {
      const check = host.includes('*') ? isWildcardDNS1123Subdomain : isDNS1123Subdomain;
      for (const msg of check(host)) errs.push(fieldError.invalid(`${path}.tls[${t}].hosts[${i}]`, host, msg));
    });
    if (!opts.allowInvalidSecretName && tls.secretName) {
      for (const msg of nameIsDNSSubdomain(tls.secretName, false)) {
        errs.push(fieldError.invalid(`${path}.tls[${t}].secretName`, tls.secretName, msg));
      }
    }
  });
  if (s.ingressClassName !== undefined) {
    for (const msg of nameIsDNSSubdomain(s.ingressClassName, false)) {
      errs.push(fieldError.invalid(`${path}.ingressClassName`, s.ingressClassName, msg));
    }
  }
  return errs;
}

function validateIngress(ing: Ingress, opts: IngressValidationOptions): FieldError[] {
  return [...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain), ...validateIngressSpec(ing.spec, 'spec', opts)];
}

/** validateIngressCreate is ValidateIngressCreate. */
export function validateIngressCreate(ing: Ingress): FieldError[] {
  const errs = validateIngress(ing, { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false });
  const annotation = ing.metadata?.annotations?.[AnnotationIngressClass];
  const className = ing.spec?.ingressClassName;
  if (annotation !== undefined && className !== undefined && annotation !== className) {
    errs.push(fieldError.invalid(`annotations.${AnnotationIngressClass}`, annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

/** validateIngressUpdate is ValidateIngressUpdate: what old objects already had stays allowed. */
export function validateIngressUpdate(ing: Ingress, old: Ingress): FieldError[] {
  const oldSecretsInvalid = (old.spec?.tls ?? []).some((t) => t.secretName && nameIsDNSSubdomain(t.secretName, false).length > 0);
  const oldWildcardInvalid = (old.spec?.rules ?? []).some(
    (r) => r.host?.includes('*') && validateIngressRules([r], 'spec.rules', { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false }).length > 0,
  );
  return [
    ...validateObjectMetaUpdate(ing.metadata, old.metadata),
    ...validateIngress(ing, { allowInvalidSecretName: oldSecretsInvalid, allowInvalidWildcardHostRule: oldWildcardInvalid }),
  ];
}

function validateLoadBalancerIngress(lb: IngressLoadBalancerIngress[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (lb ?? []).forEach((ing, i) => {
    if (ing.ip) errs.push(...isValidIP(`${path}[${i}].ip`, ing.ip));
    if (ing.hostname) {
      for (const msg of isDNS1123Subdomain(ing.hostname)) errs.push(fieldError.invalid(`${path}[${i}].hostname`, ing.hostname, msg));
      if (parseIP(ing.hostname)) errs.push(fieldError.invalid(`${path}[${i}].hostname`, ing.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}

const asIngress = (o: KubeObject) => o as unknown as Ingress;

/** ingressStrategy is the REST strategy of networking.k8s.io/v1 ingresses. */
export const ingressStrategy: ResourceStrategy = {
  def: Resources.ingresses,
  prepareForCreate(obj) {
    resetStatus(obj, { loadBalancer: {} });
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatus(obj, old);
    bumpGenerationIf(obj, old, !semanticDeepEqual(obj.spec, old.spec));
  },
  validate: (obj) => validateIngressCreate(asIngress(obj)),
  validateUpdate: (obj, old) => validateIngressUpdate(asIngress(obj), asIngress(old)),
  status: {
    prepareForUpdate: keepSpec,
    validateUpdate: (obj, old) => [
      ...validateObjectMetaUpdate(obj.metadata, old.metadata),
      ...validateLoadBalancerIngress(asIngress(obj).status?.loadBalancer?.ingress, 'status.loadBalancer.ingress'),
    ],
  },
};
