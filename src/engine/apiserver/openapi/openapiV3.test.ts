import { describe, expect, it } from 'vitest';
import { allResources } from '../registry/resources';
import { groupVersionPath } from './openapiPaths';
import { openApiV3Document, openApiV3Index } from './openapiV3';
import { loadSchemaDescriptions } from './schemaRegistry';

// Documents are walked as untyped JSON, as kubectl's templates do.
type Json = Record<string, any>;

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref') out.push(v as string);
      else refs(v, out);
    }
  }
  return out;
}

/** explainField follows kubectl explain's plaintext template (kubectl pkg/explain/v2, v1.32). */
function explainField(doc: Json, listPath: string, fieldPath: string[]): Json | undefined {
  const gvk = doc.paths[listPath]?.get?.['x-kubernetes-group-version-kind'];
  const schemas = doc.components.schemas as Record<string, Json>;
  const resolve = (s: Json): Json => {
    const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
    return ref ? schemas[ref.replace('#/components/schemas/', '')] : s;
  };
  let schema: Json | undefined = Object.values(schemas).find((s) =>
    (s['x-kubernetes-group-version-kind'] ?? []).some((k: Json) => k.group === gvk.group && k.version === gvk.version && k.kind === gvk.kind),
  );
  let field: Json | undefined;
  for (const name of fieldPath) {
    let resolved = resolve(schema!);
    while (resolved.items) resolved = resolve(resolved.items);
    field = resolved.properties?.[name];
    if (!field) return undefined;
    schema = field;
  }
  return field;
}


// The API server loads the descriptions before it serves /openapi; these build documents directly.
await loadSchemaDescriptions();

describe('openApiV3Index', () => {
  it('lists every served group-version with a content-hashed URL', () => {
    const index = openApiV3Index() as Json;
    const gvPaths = [...new Set(allResources.map(groupVersionPath))].sort();
    expect(Object.keys(index.paths)).toEqual(gvPaths);
    expect(gvPaths).toContain('apis/autoscaling/v1');
    expect(index.paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{32}$/);
    const hash = (p: string) => index.paths[p].serverRelativeURL.split('hash=')[1];
    expect(hash('api/v1')).not.toBe(hash('apis/apps/v1'));
  });

  it('is stable across calls', () => {
    expect(JSON.stringify(openApiV3Index())).toBe(JSON.stringify(openApiV3Index()));
  });
});

describe('openApiV3Document', () => {
  const apps = openApiV3Document('apis/apps/v1') as Json;

  it('is an OpenAPI 3.0 document whose references all resolve inside it', () => {
    expect(apps.openapi).toBe('3.0.0');
    const names = new Set(Object.keys(apps.components.schemas));
    const dangling = refs(apps).filter((r) => !names.has(r.replace('#/components/schemas/', '')));
    expect(dangling).toEqual([]);
    expect(JSON.stringify(apps)).not.toContain('x-go-type');
  });

  it('tags top-level kinds with their GVK', () => {
    expect(apps.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
    expect(apps.components.schemas['io.k8s.api.autoscaling.v1.Scale']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'autoscaling', version: 'v1', kind: 'Scale' },
    ]);
  });

  it.each([
    ['api/v1', '/api/v1/namespaces/{namespace}/pods', ['spec', 'containers', 'image'], 'string'],
    ['apis/apps/v1', '/apis/apps/v1/namespaces/{namespace}/deployments', ['spec', 'replicas'], 'integer'],
    ['api/v1', '/api/v1/nodes', ['spec', 'taints', 'effect'], 'string'],
    ['apis/autoscaling/v2', '/apis/autoscaling/v2/namespaces/{namespace}/horizontalpodautoscalers', ['spec', 'maxReplicas'], 'integer'],
  ])('lets kubectl explain find %s %s', (gvPath, listPath, fieldPath, type) => {
    const field = explainField(openApiV3Document(gvPath) as Json, listPath, fieldPath);
    expect(field?.type).toBe(type);
    expect(field?.description).toBeTruthy();
  });

  it('wraps a described $ref in allOf and carries merge markers', () => {
    const podSpec = (openApiV3Document('api/v1') as Json).components.schemas['io.k8s.api.core.v1.PodSpec'];
    expect(podSpec.properties.containers).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
    });
    expect(podSpec.properties.securityContext.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSecurityContext' }]);
  });

  it('gives IntOrString and Quantity their v3 oneOf shapes', () => {
    const schemas = apps.components.schemas;
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
    expect(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ oneOf: [{ type: 'string' }, { type: 'number' }] });
  });

  it.each(allResources.filter((r) => r.verbs.includes('patch')).map((r) => [r.group || 'core', r.version, r.kind, r] as const))(
    'declares fieldValidation on the PATCH of %s/%s %s (cli-runtime supportsQueryParamV3)',
    (_g, _v, _k, r) => {
      const doc = openApiV3Document(groupVersionPath(r)) as Json;
      const patch = Object.values(doc.paths as Record<string, Json>)
        .map((item) => item.patch)
        .find((op) => op && op['x-kubernetes-group-version-kind'].kind === r.kind && op['x-kubernetes-group-version-kind'].group === r.group);
      expect(patch.parameters.some((p: Json) => p.name === 'fieldValidation' && p.in === 'query')).toBe(true);
    },
  );

  it('knows no document for a group-version it does not serve', () => {
    expect(openApiV3Document('apis/example.com/v1')).toBeUndefined();
  });
});
