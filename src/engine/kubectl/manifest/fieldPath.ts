import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

/**
 * FieldPathStep is one step of a Kubernetes field path as field.Path prints it
 * ("spec.template.spec.containers[0].image", "metadata.labels[app]"): a field or map key by
 * name, or a list element by index.
 */
export type FieldPathStep = { name: string } | { index: number };

/** parseFieldPath splits a field path into steps; "[n]" is an index, any other "[x]" a map key. */
export function parseFieldPath(path: string): FieldPathStep[] {
  const steps: FieldPathStep[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') {
      i++;
    } else if (path[i] === '[') {
      const close = path.indexOf(']', i);
      const inner = path.slice(i + 1, close < 0 ? path.length : close);
      steps.push(/^\d+$/.test(inner) ? { index: Number(inner) } : { name: inner });
      i = close < 0 ? path.length : close + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      steps.push({ name: path.slice(i, j) });
      i = j;
    }
  }
  return steps;
}

/** FieldLocation is where a field path points in a YAML document, as text offsets. */
export interface FieldLocation {
  start: number;
  end: number;
  /** exact is false when the path leaves the document and the location is its deepest ancestor there. */
  exact: boolean;
}

/**
 * locateField finds a field path in a YAML document. A field with a scalar value spans key and
 * value (`replicas: -1`); one with a collection spans its key only, so that a marker stays on one
 * line. A name step into a list (Go's decode errors print paths without indices) enters the first
 * element that has that field.
 */
export function locateField(doc: Document.Parsed, steps: FieldPathStep[]): FieldLocation | undefined {
  let node = doc.contents as Node | null;
  if (!node?.range) return undefined;
  let at: FieldLocation = { start: node.range[0], end: node.range[0], exact: steps.length === 0 };
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s];
    if (isSeq(node) && 'index' in step) {
      const item = node.items[step.index] as Node | undefined;
      if (!item?.range) return { ...at, exact: false };
      node = item;
      at = { start: item.range[0], end: isCollection(item) ? item.range[0] : item.range[1], exact: s === steps.length - 1 };
      continue;
    }
    if (isSeq(node) && 'name' in step) {
      const element = node.items.find((item) => isMap(item) && pairOf(item.items, step.name)) as Node | undefined;
      if (!element) return { ...at, exact: false };
      node = element;
    }
    const pair = isMap(node) && 'name' in step ? pairOf(node.items, step.name) : undefined;
    const key = pair?.key as Node | undefined;
    if (!pair || !key?.range) return { ...at, exact: false };
    const value = pair.value as Node | null;
    const end = value?.range && !isCollection(value) ? value.range[1] : key.range[1];
    at = { start: key.range[0], end, exact: s === steps.length - 1 };
    node = value;
    if (!node) return s === steps.length - 1 ? at : { ...at, exact: false };
  }
  return at;
}

function pairOf(items: Pair[], name: string): Pair | undefined {
  // The last duplicate wins, as in the decoded object.
  for (let i = items.length - 1; i >= 0; i--) {
    const p = items[i];
    if (isPair(p) && isScalar(p.key) && String(p.key.value) === name) return p;
  }
  return undefined;
}

function isCollection(node: Node): boolean {
  return isMap(node) || isSeq(node);
}
