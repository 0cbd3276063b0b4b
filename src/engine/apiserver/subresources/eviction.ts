import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { matches, selectorFromLabelSelector } from '../../api/labels';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { ApiError, failure, StatusReason } from '../errors';
import { asObject, decodeBody } from '../request/decode';
import { Resources } from '../registry/resources';
import { storageKey } from '../registry/resourceDefinition';
import type { ServerContext } from '../handlers/context';
import { isDryRun } from '../handlers/query';
import { podIsHealthy, pdbDesiredHealthy } from './disruption';

// Messages from pkg/registry/core/pod/storage/eviction.go (v1.32).
const MsgViolatesBudget = "Cannot evict pod as it would violate the pod's disruption budget.";
const MsgMultiplePDBs = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

/**
 * evictPod serves pods/{name}/eviction (policy/v1 Eviction): the pod is deleted gracefully unless
 * the one PodDisruptionBudget selecting it allows no more disruptions, which is a 429.
 */
export function evictPod(ctx: ServerContext, ns: string, name: string, req: ApiRequest): ApiResponse {
  const eviction = asObject(decodeBody(req.body, req.contentType), 'Eviction') as { deleteOptions?: { gracePeriodSeconds?: number; preconditions?: { uid?: string } } };
  const s = ctx.strategies.lookup('', 'v1', 'pods')!;
  const pod = ctx.registry.get(s, ns, name) as unknown as Pod & { metadata: { name: string } };
  const phase = pod.status?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp;
  if (!terminal) {
    const pdbs = (ctx.store.listSorted(storageKey(Resources.poddisruptionbudgets), ns) as unknown as PodDisruptionBudget[]).filter((p) =>
      matches(selectorFromLabelSelector(p.spec?.selector), pod.metadata.labels),
    );
    if (pdbs.length > 1) throw new ApiError(failure(500, StatusReason.InternalError, MsgMultiplePDBs));
    if (pdbs.length === 1) {
      const pdb = pdbs[0];
      const selected = ctx.store
        .listSorted(storageKey(Resources.pods), ns)
        .filter((p) => matches(selectorFromLabelSelector(pdb.spec?.selector), p.metadata.labels)) as unknown as Pod[];
      const healthy = selected.filter(podIsHealthy).length;
      const desired = pdbDesiredHealthy(pdb, selected.length);
      if (podIsHealthy(pod) && healthy - 1 < desired) {
        throw new ApiError(
          failure(429, StatusReason.TooManyRequests, MsgViolatesBudget, {
            causes: [
              {
                reason: 'DisruptionBudget',
                message: `The disruption budget ${pdb.metadata?.name} needs ${desired} healthy pods and has ${healthy} currently`,
              },
            ],
          }),
        );
      }
    }
  }
  ctx.registry.delete(s, ns, name, {
    dryRun: isDryRun(req),
    gracePeriodSeconds: eviction.deleteOptions?.gracePeriodSeconds,
    preconditions: eviction.deleteOptions?.preconditions,
  });
  return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}
