import type { KubeObject, TypedObject, WatchEvent } from '../api/object';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import type { ApiClient, ListOptions, WatchHandle } from './apiClient';
import { Lister, type IndexFunc } from './lister';

/** EventHandler receives an informer's notifications; handlers only enqueue keys. */
export interface EventHandler<T extends TypedObject> {
  onAdd?(obj: T): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T): void;
}

/** RetryAfter runs fn after ms: the simulated clock's timers in the engine, setTimeout on the page. */
export type RetryAfter = (ms: number, fn: () => void) => void;

// The reflector's back-off between failed lists and refused watches: 800 ms doubling to 30 s.
const initialBackoffMs = 800;
const maxBackoffMs = 30_000;

/**
 * Informer is client-go's shared informer: list, then watch from the list's resourceVersion, keeping
 * a local cache (the lister) and telling handlers what changed. On a 410 or a closed watch it lists
 * again and reports the difference, so handlers see every change exactly once. Given retryAfter,
 * it retries a failed list and a refused watch with the reflector's back-off, as ListAndWatch does;
 * without it a failed first list fails start().
 */
export class Informer<T extends TypedObject = KubeObject> {
  readonly lister: Lister<T>;
  private readonly handlers: EventHandler<T>[] = [];
  private watch?: WatchHandle;
  private lastRV = '';
  private synced = false;
  private stopped = false;
  private backoffMs = 0;

  constructor(
    private readonly client: ApiClient,
    readonly resource: ResourceDefinition,
    private readonly opts: Pick<ListOptions, 'namespace' | 'labelSelector' | 'fieldSelector'> = {},
    private readonly retryAfter?: RetryAfter,
  ) {
    this.lister = new Lister<T>();
  }

  addEventHandler(h: EventHandler<T>): void {
    this.handlers.push(h);
    if (this.synced) for (const o of this.lister.list()) h.onAdd?.(o);
  }

  addIndexer(name: string, fn: IndexFunc<T>): void {
    this.lister.addIndexer(name, fn);
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  /** start lists and begins watching; it resolves once the cache holds the initial list. */
  async start(): Promise<void> {
    await this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    let list;
    for (;;) {
      try {
        list = await this.client.list<T>(this.resource, { ...this.opts });
        break;
      } catch (e) {
        if (!this.retryAfter || this.stopped) throw e;
        await this.backOff();
      }
    }
    this.backoffMs = 0;
    const seen = new Set<string>();
    for (const obj of list.items) {
      const key = keyOf(obj);
      seen.add(key);
      this.apply(obj, this.lister.getByKey(key));
    }
    for (const old of this.lister.list()) {
      if (!seen.has(keyOf(old))) this.remove(old);
    }
    this.lastRV = list.metadata.resourceVersion ?? '';
    this.synced = true;
    await this.startWatch();
  }

  private async startWatch(): Promise<void> {
    if (this.stopped) return;
    this.watch = await this.client.watch<T>(
      this.resource,
      { ...this.opts, resourceVersion: this.lastRV, allowWatchBookmarks: true },
      (events) => this.onEvents(events),
      (status) => {
        if (this.stopped) return;
        // A 410 means our resourceVersion was compacted: list again. A watch that ends cleanly is
        // re-opened at once; one refused with an error, after the back-off.
        if (status?.code === 410) void this.relist();
        else if (status?.status === 'Failure' && this.retryAfter) void this.backOff().then(() => this.startWatch());
        else void this.startWatch();
      },
    );
  }

  private backOff(): Promise<void> {
    this.backoffMs = this.backoffMs ? Math.min(this.backoffMs * 2, maxBackoffMs) : initialBackoffMs;
    return new Promise((resolve) => this.retryAfter!(this.backoffMs, resolve));
  }

  private onEvents(events: WatchEvent<T>[]): void {
    this.backoffMs = 0;
    for (const ev of events) {
      const obj = ev.object as T;
      if (ev.type === 'BOOKMARK') {
        this.lastRV = obj.metadata?.resourceVersion ?? this.lastRV;
        continue;
      }
      if (ev.type === 'ERROR') continue;
      this.lastRV = obj.metadata!.resourceVersion ?? this.lastRV;
      const key = keyOf(obj);
      if (ev.type === 'DELETED') {
        const old = this.lister.getByKey(key);
        if (old) this.remove(obj);
      } else {
        this.apply(obj, this.lister.getByKey(key));
      }
    }
  }

  private apply(obj: T, old: T | undefined): void {
    if (old && old.metadata!.resourceVersion === obj.metadata!.resourceVersion) return;
    this.lister.set(obj);
    for (const h of this.handlers) {
      if (old) h.onUpdate?.(old, obj);
      else h.onAdd?.(obj);
    }
  }

  private remove(obj: T): void {
    this.lister.delete(keyOf(obj));
    for (const h of this.handlers) h.onDelete?.(obj);
  }
}

/** keyOf is the cache key of an object: "namespace/name", or "name" when cluster-scoped. */
export function keyOf(obj: TypedObject): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
}

/** splitKey reverses keyOf. */
export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
