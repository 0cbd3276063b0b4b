/** FieldRequirement is one clause of a field selector: only =, == and != exist for fields. */
export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** FieldSelectorParseError is a malformed field selector string. */
export class FieldSelectorParseError extends Error {}

/** parseFieldSelector parses "spec.nodeName=n1,status.phase!=Running". Backslash escapes , = and !. */
export function parseFieldSelector(s: string | undefined): FieldRequirement[] {
  if (!s || s.trim() === '') return [];
  const out: FieldRequirement[] = [];
  for (const part of s.split(/(?<!\\),/)) {
    const m = part.match(/^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/);
    if (!m) throw new FieldSelectorParseError(`invalid selector: '${s}'; can't understand '${part}'`);
    out.push({ field: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3].replace(/\\([,=!\\])/g, '$1') });
  }
  return out;
}

/** matchesFields reports whether the field values satisfy every requirement. */
export function matchesFields(reqs: FieldRequirement[], get: (field: string) => string | undefined): boolean {
  for (const r of reqs) {
    const v = get(r.field) ?? '';
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
