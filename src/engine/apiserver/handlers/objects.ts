import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { Status } from 'kubernetes-types/meta/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { apiVersionOf } from '../../api/groupVersion';
import { newBadRequest, newConflict, newUnsupportedMediaType } from '../errors';
import { asObject, decodeBody } from '../request/decode';
import type { DeleteRequest } from '../registry/genericRegistry';
import type { ResourceStrategy } from '../registry/strategy';
import { applyPatch } from '../patch/applyPatch';
import type { ServerContext } from './context';
import { fromWire, toWire } from './convert';
import { checkObject, decodeObject } from './decodeObject';
import { isDryRun, q, wantsTable } from './query';
import { buildFilter } from './selection';
import { buildTable } from '../table/table';
import { includeObject } from './list';
import { storageKey } from '../registry/resourceDefinition';

/** ok wraps an object response, rendering it as a Table when the client asked for one. */
export function ok(ctx: ServerContext, s: ResourceStrategy, req: ApiRequest, obj: StoredObject, status = 200, warnings?: string[]): ApiResponse {
  const wire = toWire(s, obj);
  const body = wantsTable(req)
    ? buildTable(storageKey(s.def), [obj], ctx.sim.clock.now(), { includeObject: includeObject(req), listMeta: { resourceVersion: obj.metadata.resourceVersion } })
    : wire;
  return warnings?.length ? { status, body, warnings } : { status, body };
}

export function getObject(ctx: ServerContext, s: ResourceStrategy, ns: string, name: string, req: ApiRequest): ApiResponse {
  return ok(ctx, s, req, ctx.registry.get(s, ns, name));
}

export function createObject(ctx: ServerContext, s: ResourceStrategy, ns: string, req: ApiRequest, user?: UserInfo): ApiResponse {
  const { obj, warnings } = decodeObject(s, req);
  const created = ctx.registry.create(s, ns, fromWire(s, obj), { dryRun: isDryRun(req), user });
  return ok(ctx, s, req, created, 201, warnings);
}

export function updateObject(ctx: ServerContext, s: ResourceStrategy, ns: string, name: string, req: ApiRequest, subresource = ''): ApiResponse {
  const { obj, warnings } = decodeObject(s, req);
  const existed = ctx.registry.tryGet(s, ns, name) !== undefined;
  const updated = ctx.registry.update(s, ns, name, fromWire(s, obj), { dryRun: isDryRun(req) }, subresource);
  return ok(ctx, s, req, updated, existed ? 200 : 201, warnings);
}

/** patchObject applies a JSON, merge or strategic merge patch to the current object, retrying conflicts. */
export function patchObject(ctx: ServerContext, s: ResourceStrategy, ns: string, name: string, req: ApiRequest, subresource = ''): ApiResponse {
  const ct = (req.contentType ?? '').split(';')[0].trim();
  if (ct === 'application/apply-patch+yaml') {
    // Server-side apply is not implemented: answer as a server without it does.
    throw newUnsupportedMediaType(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
    );
  }
  const patch = typeof req.body === 'string' ? decodeBody(req.body, 'application/json') : req.body;
  if (patch === undefined) throw newBadRequest('the body of the request was empty');
  const gvk = { group: s.def.group, version: s.def.version, kind: s.def.kind };
  let warnings: string[] = [];
  const updated = ctx.registry.guaranteedUpdate(
    s,
    ns,
    name,
    (current) => {
      const patched = applyPatch(ct, toWire(s, current), patch, gvk) as KubeObject;
      const checked = checkObject(s, asObject(patched, s.def.kind), req);
      warnings = checked.warnings;
      const next = fromWire(s, checked.obj);
      // A resourceVersion the patch sets is a precondition, as for update.
      const rv = (next.metadata ?? {}).resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) throw newConflict(s.def, name);
      return next;
    },
    { dryRun: isDryRun(req) },
    subresource,
  );
  return ok(ctx, s, req, updated, 200, warnings);
}

/** deleteOptions reads metav1.DeleteOptions from the body and query, as the delete handler does. */
export function deleteOptions(req: ApiRequest): DeleteRequest {
  const body = decodeBody(req.body, req.contentType) as
    | { propagationPolicy?: string; gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string }; orphanDependents?: boolean; dryRun?: string[] }
    | undefined;
  const grace = q(req, 'gracePeriodSeconds');
  const policy = q(req, 'propagationPolicy') ?? body?.propagationPolicy;
  if (policy !== undefined && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
    throw newBadRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  return {
    dryRun: isDryRun(req) || (body?.dryRun ?? []).includes('All'),
    propagationPolicy: policy,
    gracePeriodSeconds: grace !== undefined ? Number(grace) : body?.gracePeriodSeconds,
    preconditions: body?.preconditions,
    orphanDependents: body?.orphanDependents,
  };
}

/** deleteObject deletes one object; the answer is the object while it is still terminating. */
export function deleteObject(ctx: ServerContext, s: ResourceStrategy, ns: string, name: string, req: ApiRequest): ApiResponse {
  const { object, deleted } = ctx.registry.delete(s, ns, name, deleteOptions(req));
  if (deleted) return { status: 200, body: successStatus(s, object) };
  return ok(ctx, s, req, object, 200);
}

/** deleteCollection deletes every object a list with the same selectors would return. */
export function deleteCollection(ctx: ServerContext, s: ResourceStrategy, ns: string, req: ApiRequest): ApiResponse {
  const filter = buildFilter(s, q(req, 'labelSelector'), q(req, 'fieldSelector'));
  const opts = deleteOptions(req);
  const items = ctx.store.listSorted(storageKey(s.def), s.def.namespaced && ns ? ns : undefined).filter((o) => !filter || filter(o));
  const out: StoredObject[] = [];
  for (const o of items) out.push(ctx.registry.delete(s, o.metadata.namespace ?? '', o.metadata.name!, opts).object);
  return {
    status: 200,
    body: { kind: `${s.def.kind}List`, apiVersion: apiVersionOf(s.def), metadata: {}, items: out.map((o) => toWire(s, o)) },
  };
}

function successStatus(s: ResourceStrategy, obj: StoredObject): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: obj.metadata.name, group: s.def.group || undefined, kind: s.def.resource, uid: obj.metadata.uid },
  };
}
