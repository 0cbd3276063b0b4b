import type { LabelSelector, LabelSelectorRequirement, ObjectMeta } from 'kubernetes-types/meta/v1';
import { GoValue } from '../fieldErrors';

// Field errors print a bad value that is neither a string nor a number with Go's %#v, so their
// messages name Go types: `map[string]string{"app":"x"}`, `v1.LabelSelector{...}`. These helpers
// render the JSON form of a value the way a v1.32 apiserver prints the Go value it decoded it into.

/** goQuote renders a string as Go's %q does (JSON escaping matches it for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

function stringMapText(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  // fmt prints map keys sorted.
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

function stringSliceText(a: readonly string[] | undefined | null): string {
  if (a === undefined || a === null) return '[]string(nil)';
  return `[]string{${a.map(goQuote).join(', ')}}`;
}

function requirementText(r: LabelSelectorRequirement): string {
  return `v1.LabelSelectorRequirement{Key:${goQuote(r.key ?? '')}, Operator:${goQuote(r.operator ?? '')}, Values:${stringSliceText(r.values)}}`;
}

/** goStringMap renders a map[string]string (labels, selectors) with its keys sorted. */
export function goStringMap(m: Record<string, string> | undefined | null): GoValue {
  return new GoValue(stringMapText(m));
}

/** goStringSlice renders a slice of a string type, e.g. goStringSlice('[]string', ["a"]). */
export function goStringSlice(type: string, a: readonly string[] | undefined | null): GoValue {
  if (a === undefined || a === null) return new GoValue(`${type}(nil)`);
  return new GoValue(`${type}{${a.map(goQuote).join(', ')}}`);
}

/** goLabelSelector renders a *metav1.LabelSelector; nil prints "null" as field.Error does for nil pointers. */
export function goLabelSelector(sel: LabelSelector | undefined | null): GoValue {
  if (!sel) return new GoValue('null');
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === undefined || exprs === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs.map(requirementText).join(', ')}}`;
  return new GoValue(`v1.LabelSelector{MatchLabels:${stringMapText(sel.matchLabels)}, MatchExpressions:${exprText}}`);
}

/** goIntOrString renders an intstr.IntOrString value (Type 0 is Int, 1 is String). */
export function goIntOrString(v: number | string | undefined | null): GoValue {
  if (typeof v === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`);
}

/** goPointer renders a non-nil pointer member of a struct; Go prints an address we cannot know. */
export function goPointer(type: string, v: unknown): string {
  return v === undefined || v === null ? `(*${type})(nil)` : `(*${type})(0xc000000000)`;
}

/**
 * goStruct approximates %#v of a struct whose exact Go type the engine does not model (a whole
 * pod template in "field is immutable"): fields in JSON order with Go-cased names. Exact text is
 * out of reach there anyway, since Go also prints pointer addresses.
 */
export function goStruct(type: string, v: unknown): GoValue {
  return new GoValue(`${type}${goLike(v)}`);
}

function goLike(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map(goLike).join(', ')}}`;
  const fields = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${k.charAt(0).toUpperCase()}${k.slice(1)}:${goLike(x)}`);
  return `{${fields.join(', ')}}`;
}

/** goObjectMeta renders a metav1.ObjectMeta value, every field in declaration order as %#v prints it. */
export function goObjectMeta(m: ObjectMeta): GoValue {
  const str = (v: string | undefined) => goQuote(v ?? '');
  const fields = [
    `Name:${str(m.name)}`,
    `GenerateName:${str(m.generateName)}`,
    `Namespace:${str(m.namespace)}`,
    `SelfLink:${str(m.selfLink)}`,
    `UID:${str(m.uid)}`,
    `ResourceVersion:${str(m.resourceVersion)}`,
    `Generation:${m.generation ?? 0}`,
    `CreationTimestamp:v1.Time{Time:${m.creationTimestamp ? goLike(m.creationTimestamp) : 'time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)'}}`,
    `DeletionTimestamp:${goPointer('v1.Time', m.deletionTimestamp)}`,
    `DeletionGracePeriodSeconds:${goPointer('int64', m.deletionGracePeriodSeconds)}`,
    `Labels:${stringMapText(m.labels)}`,
    `Annotations:${stringMapText(m.annotations)}`,
    `OwnerReferences:${m.ownerReferences ? `[]v1.OwnerReference${goLike(m.ownerReferences)}` : '[]v1.OwnerReference(nil)'}`,
    `Finalizers:${stringSliceText(m.finalizers)}`,
    `ManagedFields:${m.managedFields ? `[]v1.ManagedFieldsEntry${goLike(m.managedFields)}` : '[]v1.ManagedFieldsEntry(nil)'}`,
  ];
  return new GoValue(`v1.ObjectMeta{${fields.join(', ')}}`);
}
