import { describe, expect, it } from 'vitest';
import { isReview } from '../reviews/reviews';
import { groupStrategies } from './groupStrategies';
import { allResources } from './resources';

describe('groupStrategies', () => {
  it('has exactly one strategy per served non-core resource version, events.k8s.io and the computed reviews aside', () => {
    const served = allResources.filter((d) => d.group !== '' && d.group !== 'events.k8s.io' && !isReview(d));
    expect(groupStrategies.map((s) => s.def).sort((a, b) => a.resource.localeCompare(b.resource) || a.version.localeCompare(b.version))).toEqual(
      served.sort((a, b) => a.resource.localeCompare(b.resource) || a.version.localeCompare(b.version)),
    );
  });

  it('converts only where a version is served from another storage version', () => {
    const converting = groupStrategies.filter((s) => s.toStorage).map((s) => `${s.def.group}/${s.def.version}`);
    expect(converting).toEqual(['autoscaling/v1']);
  });
});
