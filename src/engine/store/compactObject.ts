/**
 * compactCopy returns a copy of o, without its undefined members, that holds every member inside
 * the object; undefined when o already fits (or has a member the template cannot hold). V8 gives
 * an object built member by member room for four members inside it and puts the rest in a
 * separate, growing array; an object JSON.parse makes holds all of its members inline. Stored API
 * objects (metadata, spec, status, events) have many members and live long, so the store parses a
 * template of their member list (kept per list) and fills it in. (Cloning a parsed template with a
 * spread would be cheaper, but with many member lists V8 clones through its generic path, which is
 * not compact.)
 */
export function compactCopy(o: Record<string, unknown>, members: number): Record<string, unknown> | undefined {
  if (members <= InlineMembers) return undefined;
  const template = templateFor(o);
  if (template === undefined) return undefined;
  const out = JSON.parse(template) as Record<string, unknown>;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** InlineMembers is how many members V8 keeps inside an object built member by member. */
const InlineMembers = 4;

/** MaxShapes bounds the trie: maps with arbitrary keys (labels, data) must not grow it without end. */
const MaxShapes = 5000;

interface ShapeNode {
  next?: Map<string, ShapeNode>;
  /** template is the JSON text of an object with the member list that leads to this node. */
  template?: string;
}

const root: ShapeNode = {};
let shapes = 0;

/** templateFor finds the template of o's member list through a trie of member names (no key string to build). */
function templateFor(o: Record<string, unknown>): string | undefined {
  let node = root;
  for (const k in o) {
    if (o[k] === undefined) continue;
    let child = node.next?.get(k);
    if (!child) {
      if (shapes >= MaxShapes || k === '__proto__') return undefined;
      shapes++;
      (node.next ??= new Map()).set(k, (child = {}));
    }
    node = child;
  }
  node.template ??= `{${Object.keys(o).filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:null`).join(',')}}`;
  return node.template;
}
