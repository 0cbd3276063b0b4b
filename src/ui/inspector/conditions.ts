import type { KubeObject } from '../../engine/api/object';
import { translateTimestampSince } from '../../engine/apiserver/table/duration';

/** ConditionRow is one line of the inspector's Conditions table. */
export interface ConditionRow {
  type: string;
  status: string;
  reason: string;
  message: string;
  /** age is how long ago lastTransitionTime was, as kubectl prints ages. */
  age: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** conditionRows lists obj's status.conditions in the API's order; now is the simulated time. */
export function conditionRows(obj: KubeObject, now: number | undefined): ConditionRow[] {
  const conditions = (obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  return conditions.map((c) => ({
    type: c.type ?? '',
    status: c.status ?? '',
    reason: c.reason ?? '',
    message: c.message ?? '',
    age: now === undefined || !c.lastTransitionTime ? '' : translateTimestampSince(c.lastTransitionTime, now),
  }));
}
