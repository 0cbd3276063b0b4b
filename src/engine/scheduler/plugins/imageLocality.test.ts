import { describe, expect, it } from 'vitest';
import { makeNode, makePod, newCache, newState } from '../testing/wrappers';
import { calculatePriority, imageLocality, normalizedImageName } from './imageLocality';

const mb = 1024 * 1024;

describe('ImageLocality', () => {
  it.each([
    ['gcr.io/40', 'gcr.io/40:latest'],
    ['gcr.io/300:v1', 'gcr.io/300:v1'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
  ])('normalizes %s to %s', (name, want) => {
    expect(normalizedImageName(name)).toBe(want);
  });

  it('maps the summed image bytes between 23MB and 1000MB per container onto 0..100', () => {
    expect(calculatePriority(0, 1)).toBe(0);
    expect(calculatePriority(1000 * mb, 1)).toBe(100);
    expect(calculatePriority(250 * mb, 1)).toBe(23);
  });

  it('prefers the node that has the image, weighted by how many nodes have it', () => {
    const images = [{ names: ['gcr.io/250:latest'], sizeBytes: 250 * mb }];
    const cache = newCache([makeNode('machine1', { images }), makeNode('machine2')]);
    const pod = makePod('p', { image: 'gcr.io/250' });
    const state = newState(pod, cache);
    // 250MB spread over 1 of 2 nodes counts as 125MB: 100 * (125 - 23) / (1000 - 23) = 10.
    expect(imageLocality.score(state, pod, cache.get('machine1')!)).toBe(10);
    expect(imageLocality.score(state, pod, cache.get('machine2')!)).toBe(0);
  });
});
