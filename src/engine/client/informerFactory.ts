import type { TypedObject } from '../api/object';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import type { ApiClient } from './apiClient';
import { Informer, type RetryAfter } from './informer';

/** InformerFactory shares one informer per resource among the controllers of one process. */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly client: ApiClient,
    private readonly retryAfter?: RetryAfter,
  ) {}

  for<T extends TypedObject>(res: ResourceDefinition): Informer<T> {
    const key = `${res.group}/${res.version}/${res.resource}`;
    let inf = this.informers.get(key);
    if (!inf) this.informers.set(key, (inf = new Informer(this.client, res, {}, this.retryAfter)));
    return inf as unknown as Informer<T>;
  }

  /** start starts every informer requested so far and waits until all have synced. */
  async start(): Promise<void> {
    await Promise.all([...this.informers.values()].filter((i) => !i.hasSynced).map((i) => i.start()));
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }
}
