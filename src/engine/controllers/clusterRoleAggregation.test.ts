import type { ClusterRole } from 'kubernetes-types/rbac/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../apiserver/registry/resources';
import { ClusterRoleAggregationController } from './clusterRoleAggregation';
import { newControllerFixture } from './util/recordingClient';

const role = (name: string, labels: Record<string, string>, rules: ClusterRole['rules'], aggregateTo?: string): ClusterRole => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels, resourceVersion: '1' },
  rules,
  aggregationRule: aggregateTo ? { clusterRoleSelectors: [{ matchLabels: { [`rbac.example.com/aggregate-to-${aggregateTo}`]: 'true' } }] } : undefined,
});
const pods = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] };
const crons = { apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get'] };

function setup(...roles: ClusterRole[]) {
  const fx = newControllerFixture();
  const c = new ClusterRoleAggregationController(fx.ctx);
  fx.add(Resources.clusterroles, ...roles);
  return { fx, c };
}

describe('ClusterRoleAggregationController.sync', () => {
  it('gathers the rules of the roles its selectors match, in name order, once each, itself aside', async () => {
    const { fx, c } = setup(
      role('monitoring', {}, undefined, 'monitoring'),
      role('z-crons', { 'rbac.example.com/aggregate-to-monitoring': 'true' }, [crons, pods]),
      role('a-pods', { 'rbac.example.com/aggregate-to-monitoring': 'true' }, [pods]),
      role('other', {}, [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
    );
    await c.sync('monitoring');
    expect(fx.transport.writes).toHaveLength(1);
    expect(fx.transport.writes[0]).toMatchObject({ method: 'PUT', path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/monitoring' });
    expect((fx.transport.writes[0].body as ClusterRole).rules).toEqual([pods, crons]);
  });

  it('writes nothing when the rules are already the aggregate, or for a role without an aggregationRule', async () => {
    const { fx, c } = setup(role('monitoring', {}, [pods], 'monitoring'), role('a-pods', { 'rbac.example.com/aggregate-to-monitoring': 'true' }, [pods]));
    await c.sync('monitoring');
    await c.sync('a-pods');
    expect(fx.transport.writes).toEqual([]);
  });

  it('empties an aggregate whose sources are gone', async () => {
    const { fx, c } = setup(role('monitoring', {}, [pods], 'monitoring'));
    await c.sync('monitoring');
    expect((fx.transport.writes[0].body as ClusterRole).rules).toEqual([]);
  });
});
