import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** Operator is a label selector requirement's operator (k8s.io/apimachinery/pkg/selection). */
export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

/** Requirement is one clause of a label selector. */
export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

/** Selector is a parsed label selector: all requirements must match. Empty selects everything. */
export interface Selector {
  requirements: Requirement[];
  /** nothing is true for a nil LabelSelector, which selects no objects. */
  nothing?: boolean;
}

export const everything: Selector = { requirements: [] };
export const nothing: Selector = { requirements: [], nothing: true };

/** matches reports whether labels satisfy the selector. */
export function matches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  if (sel.nothing) return false;
  for (const r of sel.requirements) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.op) {
      case '=':
        if (v !== r.values[0]) return false;
        break;
      case '!=':
        if (v === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v!)) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/** SelectorParseError is a malformed label selector string. */
export class SelectorParseError extends Error {}

/** parseSelector parses the string form ("app=web,tier in (a,b),!canary"). */
export function parseSelector(s: string | undefined): Selector {
  if (!s || s.trim() === '') return everything;
  const requirements: Requirement[] = [];
  for (const raw of splitTopLevel(s)) {
    const part = raw.trim();
    if (part === '') throw new SelectorParseError(`found '', expected: identifier`);
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      requirements.push({ key: m[1], op: m[2] as Operator, values: m[3].split(',').map((x) => x.trim()).filter((x) => x !== '') });
    } else if ((m = part.match(/^([^=!<>\s]+)\s*(==|=|!=)\s*([^=!<>\s]*)$/))) {
      requirements.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] });
    } else if ((m = part.match(/^([^=!<>\s]+)\s*(>|<)\s*(-?\d+)$/))) {
      requirements.push({ key: m[1], op: m[2] === '>' ? 'gt' : 'lt', values: [m[3]] });
    } else if ((m = part.match(/^!\s*([^=!<>\s()]+)$/))) {
      requirements.push({ key: m[1], op: '!', values: [] });
    } else if ((m = part.match(/^([^=!<>\s()]+)$/))) {
      requirements.push({ key: m[1], op: 'exists', values: [] });
    } else {
      throw new SelectorParseError(`unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return { requirements };
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** selectorFromLabelSelector converts a metav1.LabelSelector (nil selects nothing, {} everything). */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (!ls) return nothing;
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) requirements.push({ key, op: '=', values: [value] });
  for (const e of ls.matchExpressions ?? []) {
    const op: Operator =
      e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    requirements.push({ key: e.key, op, values: e.values ?? [] });
  }
  return { requirements };
}

/** selectorFromSet is the equality selector of a label map (Service and RC selectors). */
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  if (!set || Object.keys(set).length === 0) return nothing;
  return { requirements: Object.entries(set).map(([key, value]) => ({ key, op: '=' as const, values: [value] })) };
}
