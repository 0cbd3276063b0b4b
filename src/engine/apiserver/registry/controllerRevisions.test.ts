import { describe, expect, it } from 'vitest';
import { controllerRevisionStrategy } from './controllerRevisions';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

describe('controllerrevision strategy', () => {
  it('requires data and a non-negative revision', () => {
    const { errors } = simulateCreate(controllerRevisionStrategy, { metadata: { name: 'r' }, revision: -1 });
    expect(errors).toEqual(['data: Required value: data is mandatory', 'revision: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('never lets data change', () => {
    const old = stored(simulateCreate(controllerRevisionStrategy, { metadata: { name: 'r' }, data: { a: 1 }, revision: 1 }).obj);
    const next = { ...structuredClone(old), data: { a: 2 } };
    expect(simulateUpdate(controllerRevisionStrategy, next, old).errors).toEqual([
      'data: Invalid value: runtime.RawExtension{Raw:[]uint8{0x7b, 0x22, 0x61, 0x22, 0x3a, 0x32, 0x7d}, Object:runtime.Object(nil)}: field is immutable',
    ]);
  });
});
