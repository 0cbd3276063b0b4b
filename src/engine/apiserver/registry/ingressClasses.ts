import type { IngressClass, IngressClassSpec } from 'kubernetes-types/networking/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import { nameIsDNSLabel, nameIsDNSSubdomain } from '../validation/names';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isDomainPrefixedPath } from './domainPrefixedPath';
import { validateIngressTypedLocalObjectReference } from './ingresses';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, metaOf, semanticDeepEqual } from './strategyHelpers';

// IngressClass as pkg/apis/networking/v1/defaults.go, pkg/apis/networking/validation/validation.go
// and pkg/registry/networking/ingressclass/strategy.go of v1.32 define it.

const maxLenIngressClassController = 250;
const parameterScopes = ['Cluster', 'Namespace'];

/** setDefaultsIngressClass is SetDefaults_IngressClass: parameters default to the Cluster scope. */
export function setDefaultsIngressClass(ic: IngressClass): void {
  if (ic.spec?.parameters && ic.spec.parameters.scope === undefined) ic.spec.parameters.scope = 'Cluster';
}

function validateIngressClassSpec(spec: IngressClassSpec | undefined, path: string): FieldError[] {
  const controller = spec?.controller ?? '';
  const errs: FieldError[] = [];
  if (controller.length > maxLenIngressClassController) {
    errs.push(fieldError.tooLong(`${path}.controller`, controller, maxLenIngressClassController));
  }
  errs.push(...isDomainPrefixedPath(`${path}.controller`, controller));
  const params = spec?.parameters;
  if (params) {
    const p = `${path}.parameters`;
    errs.push(...validateIngressTypedLocalObjectReference({ apiGroup: params.apiGroup, kind: params.kind, name: params.name }, p));
    if (params.scope === undefined) errs.push(fieldError.required(`${p}.scope`));
    else if (!parameterScopes.includes(params.scope)) errs.push(fieldError.notSupported(`${p}.scope`, params.scope, parameterScopes));
    else if (params.scope === 'Namespace') {
      if (params.namespace === undefined) errs.push(fieldError.required(`${p}.namespace`, "`parameters.scope` is set to 'Namespace'"));
      else for (const msg of nameIsDNSLabel(params.namespace, false)) errs.push(fieldError.invalid(`${p}.namespace`, params.namespace, msg));
    } else if (params.namespace !== undefined) {
      errs.push(fieldError.forbidden(`${p}.namespace`, "`parameters.scope` is set to 'Cluster'"));
    }
  }
  return errs;
}

/** validateIngressClass is ValidateIngressClass. */
export function validateIngressClass(ic: IngressClass): FieldError[] {
  return [...validateObjectMeta(ic.metadata, false, nameIsDNSSubdomain), ...validateIngressClassSpec(ic.spec, 'spec')];
}

/** validateIngressClassUpdate is ValidateIngressClassUpdate: the controller may not change. */
export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): FieldError[] {
  const errs = validateObjectMetaUpdate(ic.metadata, old.metadata);
  const controller = ic.spec?.controller ?? '';
  if (controller !== (old.spec?.controller ?? '')) errs.push(fieldError.invalid('spec.controller', controller, FieldImmutableErrorMsg));
  errs.push(...validateIngressClass(ic));
  return errs;
}

const asIngressClass = (o: KubeObject) => o as unknown as IngressClass;

/** ingressClassStrategy is the REST strategy of networking.k8s.io/v1 ingressclasses. */
export const ingressClassStrategy: ResourceStrategy = {
  def: Resources.ingressclasses,
  defaults: (obj) => setDefaultsIngressClass(asIngressClass(obj)),
  prepareForCreate(obj) {
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    bumpGenerationIf(obj, old, !semanticDeepEqual(obj.spec, old.spec));
  },
  validate: (obj) => validateIngressClass(asIngressClass(obj)),
  validateUpdate: (obj, old) => validateIngressClassUpdate(asIngressClass(obj), asIngressClass(old)),
};
