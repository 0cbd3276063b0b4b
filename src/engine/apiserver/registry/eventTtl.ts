import type { Sim } from '../../sim/sim';
import { modRevision, type MvccStore, type StoreEvent } from '../../store/mvccStore';

/** EventTtlMs is kube-apiserver's --event-ttl default: Events live one hour after their last write. */
export const EventTtlMs = 60 * 60_000;

/** eventsResource is the storage of core/v1 and events.k8s.io/v1 Events. */
const eventsResource = 'core/events';

/**
 * EventTtl expires Events as kube-apiserver does: every write of an Event attaches an etcd lease
 * of --event-ttl (the event registry's TTLFunc), and when it runs out etcd removes the key, so
 * watchers see the Event DELETED. Leases are kept in write order (the TTL is the same for all),
 * as parallel arrays of key, revision and deadline; an Event written again since is left alone.
 */
export class EventTtl {
  private keys: string[] = [];
  private revs: number[] = [];
  private deadlines: number[] = [];
  private start = 0;
  private armed = false;

  constructor(
    private readonly store: MvccStore,
    private readonly sim: Sim,
    private readonly ttlMs = EventTtlMs,
  ) {
    store.onEvent((ev) => this.lease(ev));
  }

  private lease(ev: StoreEvent): void {
    if (ev.resource !== eventsResource || ev.type !== 'put') return;
    this.keys.push(ev.key);
    this.revs.push(ev.rev);
    this.deadlines.push(this.sim.clock.now() + this.ttlMs);
    this.arm();
  }

  private arm(): void {
    if (this.armed || this.start === this.keys.length) return;
    this.armed = true;
    this.sim.timers.after(this.deadlines[this.start] - this.sim.clock.now(), () => this.expire());
  }

  private expire(): void {
    this.armed = false;
    const now = this.sim.clock.now();
    while (this.start < this.keys.length && this.deadlines[this.start] <= now) {
      const i = this.start++;
      const current = this.store.get(eventsResource, this.keys[i]);
      if (current && modRevision(current) === this.revs[i]) this.store.delete(eventsResource, this.keys[i], this.revs[i]);
    }
    if (this.start > 1024 && this.start * 2 > this.keys.length) {
      for (const a of [this.keys, this.revs, this.deadlines] as unknown[][]) a.splice(0, this.start);
      this.start = 0;
    }
    this.arm();
  }
}
