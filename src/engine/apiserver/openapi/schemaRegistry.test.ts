import { describe, expect, it } from 'vitest';
import { allResources } from '../registry/resources';
import { fieldTypeOf, structTypeOf } from './fieldTypes';
import { definitionNameForKind, referencedDefinitions, schemaDefinitions, schemaKubernetesVersion } from './schemaRegistry';

describe('schemas.generated.json', () => {
  it('describes v1.32', () => {
    expect(schemaKubernetesVersion).toBe('v1.32');
  });

  it.each(allResources.map((r) => [`${r.group || 'core'}/${r.version}`, r.kind, r] as const))('has %s %s and its list', (_gv, _kind, r) => {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    expect(definitionNameForKind(gvk)).toBeDefined();
    if (r.verbs.includes('list')) expect(definitionNameForKind({ ...gvk, kind: `${r.kind}List` })).toBeDefined();
  });

  it.each([
    [{ group: '', version: 'v1', kind: 'Status' }, 'io.k8s.apimachinery.pkg.apis.meta.v1.Status'],
    [{ group: 'apps', version: 'v1', kind: 'DeleteOptions' }, 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
    [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }, 'io.k8s.api.autoscaling.v1.Scale'],
    [{ group: 'policy', version: 'v1', kind: 'Eviction' }, 'io.k8s.api.policy.v1.Eviction'],
    [{ group: '', version: 'v1', kind: 'Binding' }, 'io.k8s.api.core.v1.Binding'],
    [{ group: 'events.k8s.io', version: 'v1', kind: 'Event' }, 'io.k8s.api.events.v1.Event'],
    [{ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' }, 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler'],
  ])('maps %j to %s', (gvk, name) => {
    expect(definitionNameForKind(gvk)).toBe(name);
  });

  it('keeps only what the served kinds reach', () => {
    const roots = Object.entries(schemaDefinitions)
      .filter(([, d]) => d['x-kubernetes-group-version-kind'])
      .map(([name]) => name);
    const reached = new Set(referencedDefinitions([...roots, 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch']));
    expect(Object.keys(schemaDefinitions).filter((n) => !reached.has(n))).toEqual([]);
    expect(schemaDefinitions['io.k8s.api.core.v1.ClaimSource']).toBeUndefined();
  });

  it('carries the Go widths kubernetes-types drops', () => {
    expect(structTypeOf('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta').fields.get('generation')?.go).toBe('int64');
    expect(structTypeOf('io.k8s.api.apps.v1.DeploymentSpec').fields.get('replicas')?.go).toBe('int32');
    expect(structTypeOf('io.k8s.api.core.v1.PodSecurityContext').fields.get('supplementalGroups')?.go).toBe('[]int64');
    expect(structTypeOf('io.k8s.api.core.v1.Secret').fields.get('data')).toMatchObject({ kind: 'map', go: 'map[string][]uint8' });
  });

  it('derives element types from named collection types', () => {
    const add = structTypeOf('io.k8s.api.core.v1.Capabilities').fields.get('add');
    expect(add).toMatchObject({ kind: 'array', go: '[]v1.Capability', elem: { kind: 'string', go: 'v1.Capability' } });
    const limits = structTypeOf('io.k8s.api.core.v1.ResourceRequirements').fields.get('limits');
    expect(limits).toMatchObject({ kind: 'map', go: 'v1.ResourceList', elem: { kind: 'quantity' } });
    expect(fieldTypeOf({ type: 'object', additionalProperties: { type: 'string' }, 'x-go-type': 'map[v1.ResourceName]v1.ClaimResourceStatus' })).toMatchObject({
      elem: { go: 'v1.ClaimResourceStatus' },
    });
  });
});
