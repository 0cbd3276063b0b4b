import type { Container } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

// Formatting helpers the v1.32 printers share (pkg/printers/internalversion/printers.go and
// k8s.io/apimachinery/pkg/labels, metav1.FormatLabelSelector).

/** none is the placeholder printers use for an empty value. */
export const none = '<none>';

/** layoutContainerCells joins container names and images with "," (the CONTAINERS/IMAGES cells). */
export function layoutContainerCells(containers: readonly Container[] | undefined): [string, string] {
  if (!containers || containers.length === 0) return ['', ''];
  let names = '';
  let images = '';
  for (let i = 0; i < containers.length; i++) {
    if (i > 0) {
      names += ',';
      images += ',';
    }
    names += containers[i].name;
    images += containers[i].image ?? '';
  }
  return [names, images];
}

/** formatLabels is labels.FormatLabels: sorted "k=v" pairs joined by ",", or "<none>". */
export function formatLabels(set: Readonly<Record<string, string>> | undefined): string {
  if (!set) return none;
  const pairs = Object.keys(set).map((k) => `${k}=${set[k]}`);
  if (pairs.length === 0) return none;
  return pairs.sort().join(',');
}

/** SelectorError marks a LabelSelector that metav1.LabelSelectorAsSelector rejects. */
class SelectorError extends Error {}

/**
 * labelSelectorString is metav1.LabelSelectorAsSelector(ls).String(): requirements sorted by key,
 * "" for a nil or empty selector. It throws SelectorError for an invalid operator or value count.
 */
function labelSelectorString(ls: LabelSelector | null | undefined): string {
  if (!ls) return '';
  const reqs: { key: string; text: string }[] = [];
  const matchLabels = ls.matchLabels ?? {};
  for (const key of Object.keys(matchLabels)) reqs.push({ key, text: `${key}=${matchLabels[key]}` });
  for (const e of ls.matchExpressions ?? []) {
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn': {
        if (values.length === 0) throw new SelectorError();
        const op = e.operator === 'In' ? ' in ' : ' notin ';
        const vals = values.length === 1 ? values[0] : [...values].sort().join(',');
        reqs.push({ key: e.key, text: `${e.key}${op}(${vals})` });
        break;
      }
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) throw new SelectorError();
        reqs.push({ key: e.key, text: e.operator === 'Exists' ? e.key : `!${e.key}` });
        break;
      default:
        throw new SelectorError();
    }
  }
  // Array.prototype.sort is stable; labels.internalSelector sorts by key only.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** formatLabelSelector is metav1.FormatLabelSelector: the selector string, "<none>" if empty, "<error>" if invalid. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  try {
    return labelSelectorString(ls) || none;
  } catch {
    return '<error>';
  }
}

/** selectorString is LabelSelectorAsSelector(ls).String() as printDeployment uses it: "<invalid>" on error. */
export function selectorString(ls: LabelSelector | null | undefined): string {
  try {
    return labelSelectorString(ls);
  } catch {
    return '<invalid>';
  }
}

/** intOrString is intstr.IntOrString.String(). */
export function intOrString(v: number | string): string {
  return typeof v === 'number' ? String(v) : v;
}

/**
 * quantity is resource.Quantity.String() for a stored quantity: the API server stores quantities in
 * canonical form, so the stored text is printed as is; an absent quantity is the zero Quantity, "0".
 */
export function quantity(q: string | undefined): string {
  return q ?? '0';
}

/** quantityPtr is (*resource.Quantity).String(), which prints "<nil>" for a nil pointer. */
export function quantityPtr(q: string | undefined): string {
  return q ?? '<nil>';
}

/** printBoolPtr renders an optional bool as "True", "False" or "<unset>". */
export function printBoolPtr(v: boolean | undefined): string {
  if (v === undefined) return '<unset>';
  return v ? 'True' : 'False';
}

/** joinHostPort is net.JoinHostPort: IPv6 hosts are bracketed. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** listWithMoreString joins at most max items and appends " + N more...", or "<unset>" when empty. */
export function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}
