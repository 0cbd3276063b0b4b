import type { KubeObject } from '../../api/object';
import { deepCopy } from '../../api/deepCopy';

/**
 * pruneFields drops the named fields ("spec.template.spec.containers[0].imagee") from a copy of obj,
 * as Go's decoder drops fields its types do not have.
 */
export function pruneFields(obj: KubeObject, paths: string[]): KubeObject {
  const out = deepCopy(obj);
  for (const p of paths) {
    const steps = parsePath(p);
    let cur: unknown = out;
    for (let i = 0; i < steps.length - 1 && cur !== undefined; i++) {
      cur = (cur as Record<string | number, unknown>)[steps[i]];
    }
    if (cur && typeof cur === 'object') delete (cur as Record<string | number, unknown>)[steps[steps.length - 1]];
  }
  return out;
}

function parsePath(p: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return steps;
}
