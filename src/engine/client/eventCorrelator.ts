import type { ObjectReference } from 'kubernetes-types/core/v1';
import { keyDigest } from './keyDigest';
import { LruCache } from './lruCache';

/** maxLruCacheEntries bounds each of the correlator's caches, as client-go's does (4096). */
export const maxLruCacheEntries = 4096;

/** aggregateMaxEvents: the tenth distinct message within the interval turns similar events into one combined Event. */
const aggregateMaxEvents = 10;

/** aggregateIntervalMs is how long similar events are remembered for aggregation (600 s). */
const aggregateIntervalMs = 600_000;

/** spamBurst and spamRefillMs are the spam filter's token bucket per source and object: 25, then one per 5 minutes. */
export const spamBurst = 25;
export const spamRefillMs = 300_000;

/** CombinedPrefix starts the message of an aggregated Event (EventAggregatorByReasonMessageFunc). */
export const CombinedPrefix = '(combined from similar events): ';

/** Incoming is one event as a component recorded it. */
export interface Incoming {
  ref: ObjectReference;
  type: string;
  reason: string;
  message: string;
  /** at is the simulated time of recording, in ms. */
  at: number;
}

/** Correlated is what to write for an event: a new Event, or an update of the one already written. */
export interface Correlated {
  name: string;
  message: string;
  count: number;
  firstTimestamp: string;
  /** update: patch count, lastTimestamp and message of the existing Event (re-created if it expired). */
  update: boolean;
  /** combined Events carry no reporting component or instance: client-go's aggregate copy leaves them out. */
  combined: boolean;
}

interface AggregateRecord {
  /** messages are the digests of the distinct messages seen: one kept as a number, more as an array. */
  messages: number | number[];
  last: number;
}

interface Observation {
  name: string;
  count: number;
  first: string;
}

/**
 * EventCorrelator is client-go's record.EventCorrelator: similar events (same object, type and
 * reason) with ten distinct messages in ten minutes become one "(combined from similar events)"
 * Event; a repeat of an Event counts on it (count, lastTimestamp) for as long as it is remembered;
 * and a token bucket per source and object lets 25 Events through, then one every five minutes.
 * The bucket and the counts move even for what it filters, as upstream's do.
 */
export class EventCorrelator {
  private readonly aggregates = new LruCache<number, AggregateRecord>(maxLruCacheEntries);
  private readonly observations = new LruCache<number, Observation>(maxLruCacheEntries);
  /** spam holds, per source and object, the time at which its token bucket is full again. */
  private readonly spam = new LruCache<number, number>(maxLruCacheEntries);

  /** correlate decides what to write for e, or undefined when the spam filter drops it. */
  correlate(e: Incoming, ts: string, newName: () => string): Correlated | undefined {
    const object = objectIdentity(e.ref, e.type);
    const similar = `${object}\0${e.reason}`;
    let key = keyDigest(`${similar}\0${e.ref.fieldPath ?? ''}\0${e.message}`);
    let message = e.message;
    let combined = false;
    if (this.aggregate(keyDigest(similar), keyDigest(e.message), e.at)) {
      // The combined Event is counted under the similar events' key, so each one updates it.
      key = keyDigest(`aggregate\0${similar}`);
      message = CombinedPrefix + e.message;
      combined = true;
    }
    const seen = this.observations.get(key);
    const observed: Observation = seen ? { name: seen.name, count: seen.count + 1, first: seen.first } : { name: newName(), count: 1, first: ts };
    this.observations.add(key, observed);
    if (!this.accept(keyDigest(object), e.at)) return undefined;
    return { name: observed.name, message, count: observed.count, firstTimestamp: observed.first, update: seen !== undefined, combined };
  }

  /** aggregate notes message among the similar events and reports whether they are now combined (EventAggregate). */
  private aggregate(key: number, message: number, now: number): boolean {
    const prev = this.aggregates.get(key);
    const rec: AggregateRecord = prev && now - prev.last <= aggregateIntervalMs ? prev : { messages: [], last: now };
    rec.last = now;
    const messages = typeof rec.messages === 'number' ? [rec.messages] : rec.messages;
    if (!messages.includes(message)) messages.push(message);
    const over = messages.length >= aggregateMaxEvents;
    // Do not grow the set past the threshold: drop one (upstream pops an arbitrary one; the oldest here).
    if (over) messages.shift();
    rec.messages = messages.length === 1 ? messages[0] : messages;
    this.aggregates.add(key, rec);
    return over;
  }

  /** accept takes a token from the object's bucket (EventSourceObjectSpamFilter.Filter). */
  private accept(key: number, now: number): boolean {
    const fullAt = this.spam.get(key) ?? now;
    if (fullAt - now > (spamBurst - 1) * spamRefillMs) {
      this.spam.add(key, fullAt);
      return false;
    }
    this.spam.add(key, Math.max(fullAt, now) + spamRefillMs);
    return true;
  }
}

/** objectIdentity is the involved object and event type: what the spam filter keys on (getSpamKey). */
function objectIdentity(ref: ObjectReference, type: string): string {
  return `${ref.kind}\0${ref.namespace ?? ''}\0${ref.name ?? ''}\0${ref.uid ?? ''}\0${ref.apiVersion ?? ''}\0${type}`;
}
