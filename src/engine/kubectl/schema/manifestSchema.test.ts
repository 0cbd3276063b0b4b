import { describe, expect, it } from 'vitest';
import generated from '../../apiserver/openapi/schemas.generated.json';
import type { GeneratedSchemas } from '../../apiserver/openapi/schemaTypes';
import { allResources } from '../../apiserver/registry/resources';
import { manifestSchema, type JsonSchema } from './manifestSchema';

const kinds = allResources.filter((r) => r.verbs.includes('create'));
const schema = manifestSchema(generated as GeneratedSchemas, kinds);
const def = (name: string) => schema.definitions![name];
const prop = (name: string, field: string) => def(name).properties![field];

describe('manifestSchema', () => {
  it('chooses a kind’s schema by apiVersion and kind', () => {
    expect(schema.allOf).toContainEqual({
      if: { properties: { apiVersion: { const: 'apps/v1' }, kind: { const: 'Deployment' } }, required: ['apiVersion', 'kind'] },
      then: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' },
    });
    expect(schema.allOf).toContainEqual({
      if: { properties: { kind: { const: 'HorizontalPodAutoscaler' } }, required: ['kind'] },
      then: { properties: { apiVersion: { enum: ['autoscaling/v1', 'autoscaling/v2'] } } },
    });
  });

  it('lists the served apiVersions and kinds', () => {
    expect(schema.required).toEqual(['apiVersion', 'kind']);
    expect(schema.properties!.apiVersion.enum).toEqual(expect.arrayContaining(['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1']));
    expect(schema.properties!.kind.enum).toEqual(expect.arrayContaining(['Deployment', 'Service', 'ConfigMap', 'List']));
    expect(schema.properties!.kind.enum).not.toContain('DeploymentList');
    expect(schema.properties!.kind.description).toMatch(/^Kind is a string value representing the REST resource/);
  });

  it('allows no unknown fields in objects with known fields, but any key in maps', () => {
    expect(def('io.k8s.api.apps.v1.DeploymentSpec').additionalProperties).toBe(false);
    expect(prop('io.k8s.api.apps.v1.DeploymentSpec', 'replicas')).toMatchObject({ type: 'integer', minimum: -2147483648 });
    expect(prop('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'labels')).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
  });

  it('keeps the API’s documentation for hovers', () => {
    expect(prop('io.k8s.api.apps.v1.DeploymentSpec', 'replicas').description).toMatch(/^Number of desired pods/);
  });

  it.each<[string, string, string[]]>([
    ['io.k8s.api.core.v1.Container', 'imagePullPolicy', ['Always', 'IfNotPresent', 'Never']],
    ['io.k8s.api.core.v1.PodSpec', 'restartPolicy', ['Always', 'OnFailure', 'Never']],
    ['io.k8s.api.core.v1.ServiceSpec', 'type', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']],
    ['io.k8s.api.core.v1.ContainerPort', 'protocol', ['TCP', 'UDP', 'SCTP']],
  ])('adds back the enum of %s.%s', (name, field, values) => {
    expect(prop(name, field).enum).toEqual(values);
  });

  it('adds back enums of list elements', () => {
    expect((prop('io.k8s.api.core.v1.ServiceSpec', 'ipFamilies').items as JsonSchema).enum).toEqual(['IPv4', 'IPv6']);
  });

  it('refers only to definitions it has', () => {
    const refs = JSON.stringify(schema).match(/"\$ref":"#\/definitions\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(schema.definitions).toHaveProperty([ref.slice(22, -1)]);
  });
});
