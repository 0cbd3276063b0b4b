import type { Namespace } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { asObject, decodeBody } from '../request/decode';
import type { ResourceStrategy } from '../registry/strategy';
import type { ServerContext } from '../handlers/context';
import { isDryRun } from '../handlers/query';
import { ok } from '../handlers/objects';

/**
 * finalizeNamespace serves PUT namespaces/{name}/finalize: only spec.finalizers changes. When a
 * terminating namespace is left with no finalizers at all, it is removed.
 */
export function finalizeNamespace(ctx: ServerContext, s: ResourceStrategy, name: string, req: ApiRequest): ApiResponse {
  const body = asObject(decodeBody(req.body, req.contentType), 'Namespace') as KubeObject & Namespace;
  const finalizers = body.spec?.finalizers ?? [];
  const current = ctx.registry.get(s, '', name) as unknown as Namespace;
  const dryRun = isDryRun(req);
  const spec = finalizers.length ? { ...current.spec, finalizers } : {};
  const next = { ...current, spec } as unknown as KubeObject;
  const updated = ctx.registry.guaranteedUpdate(s, '', name, () => next, { dryRun }, 'finalize');
  const terminating = current.metadata?.deletionTimestamp !== undefined;
  if (terminating && finalizers.length === 0 && !(updated.metadata.finalizers?.length)) {
    const { object } = ctx.registry.delete(s, '', name, { dryRun });
    return ok(ctx, s, req, object);
  }
  return ok(ctx, s, req, updated);
}
