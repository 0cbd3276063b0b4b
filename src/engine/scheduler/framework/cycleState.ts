import type { Snapshot } from './interface';
import type { PodInfo } from './podInfo';

/**
 * CycleState is framework.CycleState: data plugins share within one scheduling cycle, keyed by
 * strings such as "PreFilterNodeResourcesFit". It also carries the pod being scheduled (with its
 * precomputed PodInfo) and the snapshot the cycle reads.
 */
export class CycleState {
  private readonly storage = new Map<string, unknown>();
  /** skipFilterPlugins and skipScorePlugins name plugins whose PreFilter/PreScore returned Skip. */
  readonly skipFilterPlugins = new Set<string>();
  readonly skipScorePlugins = new Set<string>();

  constructor(
    readonly podInfo: PodInfo,
    readonly snapshot: Snapshot,
  ) {}

  read<T>(key: string): T | undefined {
    return this.storage.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.storage.set(key, value);
  }

  /** clone copies the entries (values are shared: plugins treat them as read-only after PreFilter). */
  clone(): CycleState {
    const c = new CycleState(this.podInfo, this.snapshot);
    for (const [k, v] of this.storage) c.storage.set(k, v);
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
