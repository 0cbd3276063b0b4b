import type { GroupVersionKind } from '../../api/groupVersion';
import structureJson from './schemas.structure.generated.json';
import type { GeneratedSchemas, StoredSchema } from './schemaTypes';

// The cast keeps TypeScript from checking the literal type of the JSON against StoredSchema.
const generated = structureJson as unknown as GeneratedSchemas;

/**
 * schemaDefinitions holds every generated definition by its upstream name: at first without their
 * descriptions, which loadSchemaDescriptions puts in before anything serves /openapi.
 */
export const schemaDefinitions: Readonly<Record<string, StoredSchema>> = { ...generated.definitions };

let described: Promise<void> | undefined;

/**
 * loadSchemaDescriptions replaces the definitions with the full ones, descriptions included (a
 * separate chunk: most of the schemas' size, and only /openapi needs it). Key order and every
 * other field are the same, so documents built before and after differ only in descriptions.
 */
export function loadSchemaDescriptions(): Promise<void> {
  described ??= import('./schemas.generated.json').then((m) => {
    Object.assign(schemaDefinitions, (m.default as unknown as GeneratedSchemas).definitions);
  });
  return described;
}

/** schemaKubernetesVersion is the Kubernetes minor version the schemas describe ("v1.32"). */
export const schemaKubernetesVersion: string = generated.kubernetesVersion;

let byKind: Map<string, string> | undefined;

function kindKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

/** definitionNameForKind returns the definition of a served kind ("io.k8s.api.apps.v1.Deployment"). */
export function definitionNameForKind(gvk: GroupVersionKind): string | undefined {
  if (!byKind) {
    byKind = new Map();
    for (const [name, def] of Object.entries(schemaDefinitions)) {
      for (const k of def['x-kubernetes-group-version-kind'] ?? []) byKind.set(kindKey(k), name);
    }
  }
  return byKind.get(kindKey(gvk));
}

/** referencedDefinitions returns the roots and every definition they reach, sorted by name. */
export function referencedDefinitions(roots: Iterable<string>): string[] {
  const seen = new Set<string>();
  const visit = (s: StoredSchema | undefined): void => {
    if (!s) return;
    if (s.$ref && !seen.has(s.$ref)) {
      seen.add(s.$ref);
      visit(schemaDefinitions[s.$ref]);
    }
    if (s.properties) for (const p of Object.values(s.properties)) visit(p);
    visit(s.items);
    visit(s.additionalProperties);
  };
  for (const r of roots) visit({ $ref: r });
  return [...seen].sort();
}
