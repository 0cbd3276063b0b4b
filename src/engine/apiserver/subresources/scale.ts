import type { Scale } from 'kubernetes-types/autoscaling/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { selectorFromSet } from '../../api/labels';
import { selectorString } from '../table/format';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { newBadRequest, newConflict } from '../errors';
import { fieldError, newInvalid } from '../fieldErrors';
import type { ResourceStrategy } from '../registry/strategy';
import { applyPatch } from '../patch/applyPatch';
import { decodeBody } from '../request/decode';
import type { ServerContext } from '../handlers/context';
import { isDryRun } from '../handlers/query';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

interface Scalable {
  spec?: { replicas?: number; selector?: LabelSelector | Record<string, string> };
  status?: { replicas?: number };
}

/** scaleOf renders the autoscaling/v1 Scale of a Deployment, ReplicaSet, StatefulSet or RC. */
export function scaleOf(obj: StoredObject, isRC: boolean): Scale {
  const o = obj as StoredObject & Scalable;
  const sel = o.spec?.selector;
  const selector = isRC
    ? formatSelectorSet(sel as Record<string, string> | undefined)
    : selectorString(sel as LabelSelector | undefined);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, selector },
  };
}

function formatSelectorSet(set: Record<string, string> | undefined): string {
  const sel = selectorFromSet(set);
  return sel.requirements.map((r) => `${r.key}=${r.values[0]}`).join(',');
}

/** handleScale serves GET, PUT and PATCH of the scale subresource. */
export function handleScale(ctx: ServerContext, s: ResourceStrategy, ns: string, name: string, req: ApiRequest): ApiResponse {
  const isRC = s.def.resource === 'replicationcontrollers';
  if (req.method === 'GET') return { status: 200, body: scaleOf(ctx.registry.get(s, ns, name), isRC) };
  const body = decodeBody(req.body, req.method === 'PUT' ? req.contentType : 'application/json');
  if (body === undefined) throw newBadRequest('the body of the request was empty');
  const updated = ctx.registry.guaranteedUpdate(
    s,
    ns,
    name,
    (current) => {
      const scale = scaleOf(current, isRC);
      const next: Scale =
        req.method === 'PUT'
          ? (body as Scale)
          : (applyPatch((req.contentType ?? '').split(';')[0].trim(), scale, body, { group: 'autoscaling', version: 'v1', kind: 'Scale' }) as Scale);
      const rv = next.metadata?.resourceVersion;
      if (req.method === 'PUT' && rv && rv !== current.metadata.resourceVersion) throw newConflict(s.def, name);
      const replicas = next.spec?.replicas ?? 0;
      if (typeof replicas !== 'number' || replicas < 0) {
        throw newInvalid({ group: 'autoscaling', kind: 'Scale' }, name, [
          fieldError.invalid('spec.replicas', replicas, 'must be greater than or equal to 0'),
        ]);
      }
      const o = structuredClone(current) as KubeObject & Scalable;
      o.spec = { ...o.spec, replicas };
      return o;
    },
    { dryRun: isDryRun(req) },
  );
  return { status: 200, body: scaleOf(updated, isRC) };
}
