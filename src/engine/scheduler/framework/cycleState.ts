import type { Snapshot } from './interface';
import type { PodInfo } from './podInfo';

/** StateData is framework.StateData: cycle state a what-if run must copy rather than share. */
export interface StateData {
  clone(): StateData;
}

function isStateData(v: unknown): v is StateData {
  return typeof v === 'object' && v !== null && typeof (v as Partial<StateData>).clone === 'function';
}

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

  /**
   * clone copies the entries for a what-if run: values that are StateData are cloned, as the
   * run's PreFilter extensions update them; other values are shared, read-only after PreFilter.
   */
  clone(): CycleState {
    const c = new CycleState(this.podInfo, this.snapshot);
    for (const [k, v] of this.storage) c.storage.set(k, isStateData(v) ? v.clone() : v);
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
