import { describe, expect, it } from 'vitest';
import { formatLabels, formatLabelSelector, layoutContainerCells, selectorString } from './format';
import { formatRFC3339 } from './defaultTable';

describe('formatLabelSelector', () => {
  it.each([
    ['a nil selector', undefined, '<none>'],
    ['an empty selector', {}, '<none>'],
    ['match labels', { matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    ['one In value', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, 'env in (prod)'],
    ['sorted NotIn values', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['qa', 'dev'] }] }, 'env notin (dev,qa)'],
    ['DoesNotExist sorted by key', { matchLabels: { b: '1' }, matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, '!a,b=1'],
    ['an In without values', { matchExpressions: [{ key: 'env', operator: 'In', values: [] }] }, '<error>'],
    ['an unknown operator', { matchExpressions: [{ key: 'env', operator: 'Gt', values: ['1'] }] }, '<error>'],
  ])('prints %s as %s', (_, selector, want) => {
    expect(formatLabelSelector(selector)).toBe(want);
  });

  it('prints an empty string and <invalid> in the deployment flavour', () => {
    expect(selectorString({})).toBe('');
    expect(selectorString({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toBe('<invalid>');
  });
});

describe('formatLabels', () => {
  it('sorts the k=v pairs and prints <none> when empty', () => {
    expect(formatLabels({ 'app.kubernetes.io/name': 'web', app: 'web' })).toBe('app.kubernetes.io/name=web,app=web');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('layoutContainerCells', () => {
  it('joins names and images with commas', () => {
    expect(layoutContainerCells([{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:2' }])).toEqual(['a,b', 'x:1,y:2']);
    expect(layoutContainerCells([])).toEqual(['', '']);
  });
});

describe('formatRFC3339', () => {
  it('prints whole seconds in UTC and Go zero time for unset', () => {
    expect(formatRFC3339(Date.parse('2025-01-01T10:15:30.750+02:00'))).toBe('2025-01-01T08:15:30Z');
    expect(formatRFC3339(Number.NEGATIVE_INFINITY)).toBe('0001-01-01T00:00:00Z');
  });
});
