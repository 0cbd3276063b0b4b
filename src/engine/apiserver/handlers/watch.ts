import type { StoredObject } from '../../api/object';
import type { ApiRequest, StreamChunk } from '../../client/transport';
import { parseResourceVersion } from '../../store/revision';
import { storageKey } from '../registry/resourceDefinition';
import type { ResourceStrategy } from '../registry/strategy';
import { buildTable } from '../table/table';
import type { ServerContext } from './context';
import { toWire } from './convert';
import { includeObject } from './list';
import { boolParam, intParam, q, wantsTable } from './query';
import { buildFilter } from './selection';
import { parseFieldSelector } from '../../api/fields';

/**
 * openWatch starts a watch as the apiserver's watch handler does: from a resourceVersion (history
 * replayed from the store, 410 past compaction) or, with none or "0", from the current state
 * delivered as ADDED events. Table watches get one-row Tables per event, as kubectl get -w expects.
 */
export function openWatch(ctx: ServerContext, s: ResourceStrategy, namespace: string, req: ApiRequest, onChunk: (c: StreamChunk) => void): number {
  const filter = buildFilter(s, q(req, 'labelSelector'), q(req, 'fieldSelector'));
  const table = wantsTable(req);
  const include = includeObject(req);
  const convert = (o: StoredObject) => {
    const wire = toWire(s, o);
    return table ? (buildTable(storageKey(s.def), [o], ctx.sim.clock.now(), { includeObject: include }) as unknown as StoredObject) : wire;
  };
  const rvParam = q(req, 'resourceVersion');
  const rv = parseResourceVersion(rvParam);
  const ns = s.def.namespaced && namespace ? namespace : undefined;
  const timeoutSeconds = intParam(req, 'timeoutSeconds');
  const sendInitial = boolParam(req, 'sendInitialEvents');
  const fromCurrent = rv === undefined || rv === 0 || sendInitial;
  const start = fromCurrent ? ctx.store.rev : rv;
  const id = ctx.watches.open(
    {
      resource: storageKey(s.def),
      namespace: ns,
      filter: filter ?? (() => true),
      convert,
      bookmarks: boolParam(req, 'allowWatchBookmarks'),
      timeoutMs: timeoutSeconds !== undefined ? timeoutSeconds * 1000 : undefined,
      trigger: podNodeNameTrigger(s, q(req, 'fieldSelector')),
    },
    start,
    {
      events: (events) => onChunk({ type: 'events', events }),
      end: () => onChunk({ type: 'end' }),
    },
  );
  if (fromCurrent) {
    ctx.watches.initial(id, ctx.store.listSorted(storageKey(s.def), ns));
  }
  return id;
}

/**
 * podNodeNameTrigger indexes pod watches by spec.nodeName (the watch cache's NodeNameTriggerFunc),
 * so that a write to one pod wakes only the kubelet of its node, not every kubelet.
 */
function podNodeNameTrigger(s: ResourceStrategy, fieldSelector: string | undefined) {
  if (s.def.storage.resource !== 'pods' || s.def.storage.group !== '' || !fieldSelector) return undefined;
  const req = parseFieldSelector(fieldSelector).find((r) => r.field === 'spec.nodeName' && r.op === '=');
  if (!req) return undefined;
  return { value: req.value, of: (o: StoredObject) => (o as { spec?: { nodeName?: string } }).spec?.nodeName ?? '' };
}
