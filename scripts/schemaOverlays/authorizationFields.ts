import type { StoredSchema } from '../../src/engine/apiserver/openapi/schemaTypes';
import { addDefinitions, addFields } from './overlayUtil';

// authorization.k8s.io/v1 as k8s.io/api v0.32 has it, where kubernetes-types 1.30 falls short: its
// ResourceRule lost verbs and resources, and v1.31 added the selectors a review may carry
// (AuthorizeWithSelectors). Descriptions are the first paragraph of the upstream doc comments.

const authz = 'io.k8s.api.authorization.v1.';
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const strings = (description: string): StoredSchema => ({ type: 'array', items: { type: 'string' }, description });
const rawSelector: StoredSchema = {
  type: 'string',
  description: "rawSelector is the serialization of a field selector that would be included in a query parameter. Webhook implementations are encouraged to ignore rawSelector. The kube-apiserver's *SubjectAccessReview will parse the rawSelector as long as the requirements are not present.",
};
const attributes = (what: string, requirement: string): StoredSchema => ({
  description: `${what[0].toUpperCase() + what.slice(1)}SelectorAttributes indicates a ${what} limited access.`,
  type: 'object',
  properties: {
    rawSelector,
    requirements: {
      type: 'array',
      items: { $ref: requirement },
      description: `requirements is the parsed interpretation of a ${what} selector. All requirements must be met for a resource instance to match the selector. Webhook implementations should handle requirements, but how to handle them is up to the webhook. Since requirements can only limit the request, it is safe to authorize as unlimited request if the requirements are not understood.`,
    },
  },
});

const newDefinitions: Record<string, StoredSchema> = {
  [`${authz}FieldSelectorAttributes`]: attributes('field', `${meta}FieldSelectorRequirement`),
  [`${authz}LabelSelectorAttributes`]: attributes('label', `${meta}LabelSelectorRequirement`),
  [`${meta}FieldSelectorRequirement`]: {
    description: 'FieldSelectorRequirement is a selector that contains values, a key, and an operator that relates the key and values.',
    type: 'object',
    properties: {
      key: { type: 'string', description: 'key is the field selector key that the requirement applies to.' },
      operator: { type: 'string', description: "operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. The list of operators may grow in the future." },
      values: strings('values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty.'),
    },
    required: ['key', 'operator'],
  },
};

const newFields: Record<string, { properties: Record<string, StoredSchema>; required?: string[] }> = {
  [`${authz}ResourceRule`]: {
    properties: {
      verbs: strings('Verb is a list of kubernetes resource API verbs, like: get, list, watch, create, update, delete, proxy.  "*" means all.'),
      resources: strings('Resources is a list of resources this rule applies to.  "*" means all in the specified apiGroups.\n "*/foo" represents the subresource \'foo\' for all resources in the specified apiGroups.'),
    },
    required: ['verbs'],
  },
  [`${authz}ResourceAttributes`]: {
    properties: {
      fieldSelector: { $ref: `${authz}FieldSelectorAttributes`, description: 'fieldSelector describes the limitation on access based on field.  It can only limit access, not broaden it.' },
      labelSelector: { $ref: `${authz}LabelSelectorAttributes`, description: 'labelSelector describes the limitation on access based on labels.  It can only limit access, not broaden it.' },
    },
  },
};

/** applyAuthorizationOverlay brings the authorization.k8s.io/v1 review definitions to v1.32. */
export function applyAuthorizationOverlay(defs: Map<string, StoredSchema>): void {
  addDefinitions(defs, newDefinitions);
  for (const [name, { properties, required }] of Object.entries(newFields)) {
    const def = addFields(defs, name, properties);
    if (required) def.required = [...(def.required ?? []), ...required];
  }
}
