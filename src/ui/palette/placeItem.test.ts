import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../state/clusterStore';
import { templateContext } from './placeItem';

const deployment = (ns: string, name: string, created: string) => ({ metadata: { namespace: ns, name, creationTimestamp: created } });

describe('templateContext', () => {
  const state = {
    synced: true,
    objects: {
      deployments: {
        'default/web': deployment('default', 'web', '2025-01-01T00:00:00Z'),
        'default/api': deployment('default', 'api', '2025-01-01T00:05:00Z'),
        'other/late': deployment('other', 'late', '2025-01-01T01:00:00Z'),
      },
      services: { 'default/web': {}, 'other/x': {} },
    },
  } as unknown as ClusterState;

  it('takes the names in use in the namespace only', () => {
    const ctx = templateContext(state, 'default');
    expect([...ctx.taken('Deployment')].sort()).toEqual(['api', 'web']);
    expect([...ctx.taken('Service')]).toEqual(['web']);
  });

  it('offers the namespace’s newest Deployment to a new Service', () => {
    expect(templateContext(state, 'default').newestDeployment?.metadata?.name).toBe('api');
    expect(templateContext(state, 'empty').newestDeployment).toBeUndefined();
  });
});
