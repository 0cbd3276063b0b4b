import { describe, expect, it } from 'vitest';
import { openApiV2Document } from './openapiV2';
import { loadSchemaDescriptions } from './schemaRegistry';

// Documents are walked as untyped JSON, as kubectl's templates do.
type Json = Record<string, any>;


// The API server loads the descriptions before it serves /openapi; these build documents directly.
await loadSchemaDescriptions();

describe('openApiV2Document', () => {
  const doc = openApiV2Document() as Json;

  it('is a Swagger 2.0 document whose references all resolve', () => {
    expect(doc.swagger).toBe('2.0');
    const text = JSON.stringify(doc);
    const dangling = [...text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map((m) => m[1]).filter((n) => !doc.definitions[n]);
    expect(dangling).toEqual([]);
    expect(text).not.toContain('x-go-type');
    expect(text).not.toContain('oneOf');
  });

  it('names definitions as v3 does, with GVKs and sibling descriptions on $ref', () => {
    const deployment = doc.definitions['io.k8s.api.apps.v1.Deployment'];
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(deployment.properties.spec).toEqual({
      $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec',
      description: 'Specification of the desired behavior of the Deployment.',
    });
    expect(doc.definitions['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas).toMatchObject({ type: 'integer', format: 'int32' });
  });

  it('gives IntOrString and Quantity the v2 string shapes', () => {
    expect(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(doc.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'].type).toBe('string');
  });

  it('lists PATCH operations with fieldValidation and the kind', () => {
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters.map((p: Json) => p.name)).toContain('fieldValidation');
    expect(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].get['x-kubernetes-group-version-kind'].kind).toBe('Scale');
  });
});
