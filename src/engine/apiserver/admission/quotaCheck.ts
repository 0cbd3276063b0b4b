import type { ResourceQuota } from 'kubernetes-types/core/v1';
import { Operation, type Evaluator } from '../../quota/evaluator';
import {
  add,
  fromApi,
  isNegative,
  lessThanOrEqual,
  mask,
  prettyPrint,
  prettyPrintResourceNames,
  removeZeros,
  subtractWithNonNegativeResult,
  toApi,
  type ResourceList,
} from '../../quota/resources';
import { newForbidden } from '../errors';
import type { Attributes } from './attributes';

// CheckRequest of k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go (v1.32),
// without the LimitedResources configuration (a default apiserver has none). Messages are upstream's.

function forbidden(a: Attributes, reason: string): Error {
  return newForbidden(a.resource, a.name, reason);
}

// hasUsageStats says whether the quota has a used value for every hard resource of interest.
function hasUsageStats(quota: ResourceQuota, interesting: readonly string[]): boolean {
  const used = quota.status?.used ?? {};
  return interesting.every((r) => !(r in (quota.status?.hard ?? {})) || r in used);
}

/**
 * checkRequest verifies that a write fits every quota that tracks it. It returns the quotas as
 * they would be with the write charged (an unchanged quota is returned as is), or throws the 403
 * Forbidden admission gives: "failed quota", "status unknown for quota" or "exceeded quota".
 */
export function checkRequest(quotas: readonly ResourceQuota[], a: Attributes, evaluator: Evaluator): ResourceQuota[] {
  if (!evaluator.handles(a.operation, a.subresource)) return [...quotas];
  const obj = a.object;
  // The quotas that track this object; a quota whose status the controller has not filled yet tracks nothing.
  const interesting: number[] = [];
  quotas.forEach((quota, i) => {
    if (!evaluator.matches(quota, obj)) return;
    const restricted = evaluator.matchingResources(Object.keys(quota.status?.hard ?? {}));
    const name = quota.metadata?.name ?? '';
    const err = evaluator.constraints(restricted, obj);
    if (err) throw forbidden(a, `failed quota: ${name}: ${err}`);
    if (!hasUsageStats(quota, restricted)) throw forbidden(a, `status unknown for quota: ${name}, resources: ${prettyPrintResourceNames(restricted)}`);
    interesting.push(i);
  });

  const inputUsage = evaluator.usage(obj);
  const negative = isNegative(inputUsage);
  if (negative.length) throw forbidden(a, `quota usage is negative for resource(s): ${prettyPrintResourceNames(negative)}`);

  // An update is charged the difference, against the quotas that already tracked the old object.
  const deltas = new Map<number, ResourceList>(interesting.map((i) => [i, inputUsage]));
  if (a.operation === Operation.Update && a.oldObject?.metadata.resourceVersion) {
    const delta = subtractWithNonNegativeResult(inputUsage, evaluator.usage(a.oldObject));
    for (const i of interesting) if (evaluator.matches(quotas[i], a.oldObject)) deltas.set(i, delta);
  }
  for (const [i, d] of deltas) {
    const nonZero = removeZeros(d);
    if (Object.keys(nonZero).length === 0) deltas.delete(i);
    else deltas.set(i, nonZero);
  }
  if (deltas.size === 0) return [...quotas];

  const out = [...quotas];
  for (const [i, delta] of deltas) {
    const quota = quotas[i];
    const hard = fromApi(quota.status?.hard);
    const used = fromApi(quota.status?.used);
    const requested = mask(delta, Object.keys(hard));
    const newUsage = add(used, requested);
    const { ok, exceeded } = lessThanOrEqual(mask(newUsage, Object.keys(requested)), hard);
    if (!ok) {
      throw forbidden(
        a,
        `exceeded quota: ${quota.metadata?.name ?? ''}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      );
    }
    out[i] = { ...quota, status: { ...quota.status, used: toApi(newUsage) } };
  }
  return out;
}
