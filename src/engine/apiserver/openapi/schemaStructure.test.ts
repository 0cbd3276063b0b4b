import { describe, expect, it } from 'vitest';
import full from './schemas.generated.json';
import structure from './schemas.structure.generated.json';
import { schemaStructure } from './schemaStructure';
import type { GeneratedSchemas } from './schemaTypes';

describe('schemaStructure', () => {
  it('drops description annotations but keeps fields named "description"', () => {
    const out = schemaStructure({
      kubernetesVersion: 'v1.32',
      definitions: {
        'io.k8s.api.scheduling.v1.PriorityClass': {
          description: 'PriorityClass defines mapping …',
          type: 'object',
          properties: { description: { description: 'an arbitrary string', type: 'string' }, value: { type: 'integer' } },
        },
      },
    } as unknown as GeneratedSchemas);
    expect(out.definitions['io.k8s.api.scheduling.v1.PriorityClass']).toEqual({
      type: 'object',
      properties: { description: { type: 'string' }, value: { type: 'integer' } },
    });
  });

  it('is what the committed structure file holds (npm run gen:schemas writes both)', () => {
    expect(structure).toEqual(schemaStructure(full as unknown as GeneratedSchemas));
  });
});
