import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1';
import { deepEqual } from '../api/deepEqual';
import { matches, selectorFromLabelSelector } from '../api/labels';
import { Resources } from '../apiserver/registry/resources';
import type { Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { QueueController, type ControllerContext } from './controller';

// The ClusterRole aggregation controller of pkg/controller/clusterroleaggregation (v1.32).

/**
 * ClusterRoleAggregationController fills the rules of every ClusterRole with an aggregationRule
 * (admin, edit and view among the bootstrap roles) with the rules of the ClusterRoles its selectors
 * match, in name order and without repeats. Any ClusterRole change may change an aggregate, so each
 * one requeues every aggregated role.
 */
export class ClusterRoleAggregationController extends QueueController {
  readonly name = 'clusterrole-aggregation-controller';
  protected readonly queue: WorkQueue;
  private readonly roles: Informer<ClusterRole>;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.roles = ctx.informers.for<ClusterRole>(Resources.clusterroles);
    const enqueueAggregated = () => {
      for (const role of this.roles.lister.list()) if (role.aggregationRule) this.queue.add(role.metadata!.name!);
    };
    this.roles.addEventHandler({ onAdd: enqueueAggregated, onUpdate: enqueueAggregated, onDelete: enqueueAggregated });
  }

  /** sync is syncClusterRole: write the aggregated rules when they differ from the role's. */
  async sync(name: string): Promise<void> {
    const role = this.roles.lister.get(undefined, name);
    if (!role?.aggregationRule) return;
    const sources = new Map<string, ClusterRole>();
    for (const term of role.aggregationRule.clusterRoleSelectors ?? []) {
      const selector = selectorFromLabelSelector(term);
      for (const r of this.roles.lister.list()) if (matches(selector, r.metadata?.labels)) sources.set(r.metadata!.name!, r);
    }
    const rules: PolicyRule[] = [];
    for (const source of [...sources.values()].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))) {
      // An aggregated role never aggregates itself.
      if (source.metadata!.name === name) continue;
      for (const rule of source.rules ?? []) if (!rules.some((r) => deepEqual(r, rule))) rules.push(rule);
    }
    // Semantic equality: no rules and null rules are the same.
    if (deepEqual(rules, role.rules ?? [])) return;
    await this.ctx.client.update<ClusterRole>(Resources.clusterroles, { ...role, rules });
  }
}
