import type { ListMeta } from 'kubernetes-types/meta/v1';
import type { StoredObject } from '../../api/object';
import { apiVersionOf } from '../../api/groupVersion';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { formatResourceVersion } from '../../store/revision';
import { newBadRequest, newResourceExpired } from '../errors';
import { storageKey } from '../registry/resourceDefinition';
import type { ResourceStrategy } from '../registry/strategy';
import type { ServerContext } from './context';
import { toWire } from './convert';
import { intParam, q, wantsTable } from './query';
import { buildFilter } from './selection';
import { buildTable } from '../table/table';
import { decodeBase64, encodeBase64 } from '../../api/base64';

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

/** ContinueTooOld is the 410 message of a continue token past compaction (storage/etcd3, v1.32). */
const ContinueTooOld =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** listObjects serves a list: selectors, limit/continue paging in key order, Table output. */
export function listObjects(ctx: ServerContext, s: ResourceStrategy, namespace: string, req: ApiRequest): ApiResponse {
  const filter = buildFilter(s, q(req, 'labelSelector'), q(req, 'fieldSelector'));
  const limit = intParam(req, 'limit') ?? 0;
  const cont = q(req, 'continue');
  let after: string | undefined;
  const rev = ctx.store.rev;
  if (cont) {
    const tok = decodeContinue(cont);
    if (tok.rv < ctx.store.compacted) throw newResourceExpired(ContinueTooOld);
    after = tok.start;
  }
  const ns = s.def.namespaced && namespace ? namespace : undefined;
  const all = ctx.store.listSorted(storageKey(s.def), ns, after);
  // An unfiltered, unpaged list is the store's fresh array itself: no second pass over every item.
  const whole = !filter && limit <= 0;
  const items: StoredObject[] = whole ? all : [];
  let i = whole ? all.length : 0;
  for (; i < all.length; i++) {
    const o = all[i];
    if (filter && !filter(o)) continue;
    if (limit > 0 && items.length === limit) break;
    items.push(o);
  }
  const meta: ListMeta = { resourceVersion: formatResourceVersion(rev) };
  if (limit > 0 && i < all.length) {
    const last = items[items.length - 1];
    const start = `${last.metadata.namespace ?? ''}/${last.metadata.name}`;
    (meta as { continue?: string }).continue = encodeContinue({ v: 'meta.k8s.io/v1', rv: rev, start });
    if (!filter) (meta as { remainingItemCount?: number }).remainingItemCount = all.length - i;
  }
  if (wantsTable(req)) {
    return { status: 200, body: buildTable(storageKey(s.def), items, ctx.sim.clock.now(), { includeObject: includeObject(req), listMeta: meta }) };
  }
  const wire = s.fromStorage ? items.map((o) => toWire(s, o)) : items;
  return {
    status: 200,
    body: { kind: `${s.def.kind}List`, apiVersion: apiVersionOf(s.def), metadata: meta, items: wire },
  };
}

/** includeObject reads the includeObject parameter of Table requests (default Metadata). */
export function includeObject(req: ApiRequest): 'None' | 'Object' | 'Metadata' {
  const v = q(req, 'includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function encodeContinue(t: ContinueToken): string {
  return encodeBase64(JSON.stringify(t));
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(decodeBase64(s) ?? '') as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return t;
  } catch {
    throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}
