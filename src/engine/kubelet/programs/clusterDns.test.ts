import { describe, expect, it } from 'vitest';
import { resolver, serviceOfName } from './clusterDns';

describe('cluster DNS', () => {
  it.each([
    ['db', { namespace: 'team', name: 'db' }],
    ['db.other.svc', { namespace: 'other', name: 'db' }],
    ['db.other.svc.cluster.local', { namespace: 'other', name: 'db' }],
    ['db.other.svc.cluster.local.', { namespace: 'other', name: 'db' }],
    ['db.other', undefined],
    ['example.com', undefined],
  ])('maps %s to its Service', (name, service) => {
    expect(serviceOfName(name, 'team')).toEqual(service);
  });

  it('resolves a Service from its creation, never a missing one, and other names at once', () => {
    const resolve = resolver({ services: (ns, name) => (ns === 'team' && name === 'db' ? 7000 : name === 'later' ? undefined : null) }, 'team');
    expect(resolve('db')).toBe(7000);
    expect(resolve('cache')).toBe(Infinity);
    expect(resolve('later')).toBe(Infinity);
    expect(resolve('example.com')).toBe(-Infinity);
    expect(resolver(undefined, 'team')('db')).toBe(-Infinity);
  });
});
