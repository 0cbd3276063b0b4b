import { describe, expect, it } from 'vitest';
import { schemaDefinitions } from '../../openapi/schemaRegistry';
import { allResources } from '../../registry/resources';
import { messageForKind, messageSpec, type FieldSpec } from './messages';
import { protobufMessages } from './messages.generated';
import { specialMessages } from './wellKnown';

/** definitionName maps a table key to its OpenAPI definition ("core.v1.Pod" → "io.k8s.api.core.v1.Pod"). */
function definitionName(key: string): string {
  return /^(apis|api|util|runtime)\./.test(key) ? `io.k8s.apimachinery.pkg.${key}` : `io.k8s.api.${key}`;
}

/** jsonFields lists the JSON names a message contributes, following inlined structs. */
function jsonFields(key: string): FieldSpec[] {
  return (messageSpec(key) ?? []).flatMap((f) => (!f ? [] : f.cardinality === 'inline' ? jsonFields(f.type) : [f]));
}

// v1.32 fields the generated OpenAPI schemas (kubernetes-types v1.30 plus overlays) do not have yet.
const schemaGaps = new Set(['apis.meta.v1.DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential']);

describe('the generated protobuf table', () => {
  it('has a message for every served kind', () => {
    const missing = allResources.filter((r) => !messageForKind(r.group ? `${r.group}/${r.version}` : r.version, r.kind));
    expect(missing.map((r) => r.kind)).toEqual([]);
  });

  it('refers only to messages it defines or decodes by hand', () => {
    const unknown = Object.keys(protobufMessages).flatMap((key) =>
      jsonFields(key)
        .filter((f) => !/^(string|bool|int32|int64|bytes)$/.test(f.type) && !(f.type in specialMessages) && !(f.type in protobufMessages))
        .map((f) => `${key}.${f.name}: ${f.type}`),
    );
    expect(unknown).toEqual([]);
  });

  it('names fields as the OpenAPI schemas of the served kinds do', () => {
    const mismatched: string[] = [];
    let checked = 0;
    for (const key of Object.keys(protobufMessages)) {
      const properties = schemaDefinitions[definitionName(key)]?.properties;
      if (!properties) continue;
      checked++;
      for (const f of jsonFields(key)) {
        if (!(f.name in properties) && !schemaGaps.has(`${key}.${f.name}`)) mismatched.push(`${key}.${f.name}`);
      }
    }
    expect(mismatched).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });
});
