import { goJsonKind } from './goFmt';
import { deepCopy, hasKey, isJsonObject, setKey, type JsonObject } from './jsonValue';
import { deepEqual as jsonEqual } from '../../api/deepEqual';
import { PatchError, PatchErrorKind } from './patchError';

// RFC 6902 JSON patch with the behaviour of gopkg.in/evanphx/json-patch.v4 v4.12.0, the library a
// v1.32 apiserver applies application/json-patch+json with. Its quirks are kept: negative array
// indices count from the end, "replace" of a missing object member adds it, "copy" of a missing
// member copies null, a path with no leading "/" addresses its last segment in the root.
// Messages are the library's; the apiserver itself only shows them for decoding errors.

/** JsonPatchOperation is one decoded operation: a JSON object, or null (an operation that does nothing valid). */
export type JsonPatchOperation = JsonObject | null;

const ErrMissing = 'missing value';
const ErrInvalidIndex = 'invalid index referenced';
const ErrTestFailed = 'test failed';

/** decodeJsonPatch checks a decoded body is a JSON patch (jsonpatch.DecodePatch), else a 400 PatchError. */
export function decodeJsonPatch(body: unknown): JsonPatchOperation[] {
  if (body === undefined) throw new PatchError(PatchErrorKind.BadRequest, 'unexpected end of JSON input');
  if (body === null) return [];
  if (!Array.isArray(body)) {
    throw new PatchError(PatchErrorKind.BadRequest, `json: cannot unmarshal ${goJsonKind(body)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of body) {
    if (op !== null && !isJsonObject(op)) {
      throw new PatchError(PatchErrorKind.BadRequest, `json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  return body as JsonPatchOperation[];
}

/** applyJsonPatch applies decoded operations to a copy of doc; failures are Unprocessable PatchErrors. */
export function applyJsonPatch(doc: unknown, ops: readonly JsonPatchOperation[]): unknown {
  const root = { doc: deepCopy(doc) as Container };
  for (const op of ops) {
    const err = applyOperation(root, op ?? {});
    if (err !== undefined) throw new PatchError(PatchErrorKind.Unprocessable, err);
  }
  return root.doc;
}

type Container = JsonObject | unknown[];
type Root = { doc: Container };
// A failure is the message, built as the library's errors.Wrapf chain ("context: cause").
type Failure = string | undefined;
type Field = { value: string; err?: undefined } | { err: string };

function applyOperation(root: Root, op: JsonObject): Failure {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  switch (kind) {
    case 'add':
      return add(root, op);
    case 'remove':
      return remove(root, op);
    case 'replace':
      return replace(root, op);
    case 'move':
      return move(root, op);
    case 'test':
      return test(root, op);
    case 'copy':
      return copy(root, op);
    default:
      return `Unexpected kind: ${kind}`;
  }
}

function add(root: Root, op: JsonObject): Failure {
  const path = field(op, 'path');
  if (path.err !== undefined) return `add operation failed to decode path: ${ErrMissing}`;
  const target = findObject(root.doc, path.value);
  if (!target) return `add operation does not apply: doc is missing path: "${path.value}": ${ErrMissing}`;
  const err = containerAdd(target[0], target[1], value(op));
  return err && `error in add for path: '${path.value}': ${err}`;
}

function remove(root: Root, op: JsonObject): Failure {
  const path = field(op, 'path');
  if (path.err !== undefined) return `remove operation failed to decode path: ${ErrMissing}`;
  const target = findObject(root.doc, path.value);
  if (!target) return `remove operation does not apply: doc is missing path: "${path.value}": ${ErrMissing}`;
  const err = containerRemove(target[0], target[1]);
  return err && `error in remove for path: '${path.value}': ${err}`;
}

function replace(root: Root, op: JsonObject): Failure {
  const path = field(op, 'path');
  if (path.err !== undefined) return `replace operation failed to decode path: ${path.err}`;
  if (path.value === '') {
    // v4.12 wraps a nil error here, which is no error: a scalar replacement of the root is ignored.
    const v = value(op);
    if (Array.isArray(v) || isJsonObject(v)) root.doc = v;
    return undefined;
  }
  const target = findObject(root.doc, path.value);
  if (!target) return `replace operation does not apply: doc is missing path: ${path.value}: ${ErrMissing}`;
  const [con, key] = target;
  if (containerGet(con, key).err !== undefined) {
    return `replace operation does not apply: doc is missing key: ${path.value}: ${ErrMissing}`;
  }
  const err = containerSet(con, key, value(op));
  return err && `error in remove for path: '${path.value}': ${err}`;
}

function move(root: Root, op: JsonObject): Failure {
  const from = field(op, 'from');
  if (from.err !== undefined) return `move operation failed to decode from: ${from.err}`;
  const source = findObject(root.doc, from.value);
  if (!source) return `move operation does not apply: doc is missing from path: ${from.value}: ${ErrMissing}`;
  const got = containerGet(source[0], source[1]);
  if (got.err !== undefined) return `error in move for path: '${source[1]}': ${got.err}`;
  const removed = containerRemove(source[0], source[1]);
  if (removed) return `error in move for path: '${source[1]}': ${removed}`;
  const path = field(op, 'path');
  if (path.err !== undefined) return `move operation failed to decode path: ${path.err}`;
  const target = findObject(root.doc, path.value);
  if (!target) return `move operation does not apply: doc is missing destination path: ${path.value}: ${ErrMissing}`;
  const err = containerAdd(target[0], target[1], got.value ?? null);
  return err && `error in move for path: '${path.value}': ${err}`;
}

function test(root: Root, op: JsonObject): Failure {
  const path = field(op, 'path');
  if (path.err !== undefined) return `test operation failed to decode path: ${path.err}`;
  const failed = `testing value ${path.value} failed: ${ErrTestFailed}`;
  if (path.value === '') return jsonEqual(root.doc, op.value) ? undefined : failed;
  const target = findObject(root.doc, path.value);
  if (!target) return `test operation does not apply: is missing path: ${path.value}: ${ErrMissing}`;
  const got = containerGet(target[0], target[1]);
  if (got.err !== undefined) return `error in test for path: '${path.value}': ${got.err}`;
  // A missing or null member equals a null or absent value.
  if (got.value === undefined || got.value === null) return op.value === undefined || op.value === null ? undefined : failed;
  if (!hasKey(op, 'value')) return failed;
  return jsonEqual(got.value, op.value) ? undefined : failed;
}

function copy(root: Root, op: JsonObject): Failure {
  const from = field(op, 'from');
  if (from.err !== undefined) return `copy operation failed to decode from: ${from.err}`;
  const source = findObject(root.doc, from.value);
  if (!source) return `copy operation does not apply: doc is missing from path: ${from.value}: ${ErrMissing}`;
  const got = containerGet(source[0], source[1]);
  if (got.err !== undefined) return `error in copy for from: '${from.value}': ${got.err}`;
  const path = field(op, 'path');
  if (path.err !== undefined) return `copy operation failed to decode path: ${ErrMissing}`;
  const target = findObject(root.doc, path.value);
  if (!target) return `copy operation does not apply: doc is missing destination path: ${path.value}: ${ErrMissing}`;
  const err = containerAdd(target[0], target[1], deepCopy(got.value ?? null));
  return err && `error while adding value during copy: ${err}`;
}

// field reads "path" or "from" as Operation.Path/From do.
function field(op: JsonObject, name: 'path' | 'from'): Field {
  const v = op[name];
  if (v === undefined || v === null || !hasKey(op, name)) {
    return { err: name === 'path' ? `operation missing path field: ${ErrMissing}` : `operation, missing from field: ${ErrMissing}` };
  }
  if (typeof v !== 'string') return { err: `json: cannot unmarshal ${goJsonKind(v)} into Go value of type string` };
  return { value: v };
}

// value is the operation's value, copied so the result shares nothing with the patch; absent is null.
function value(op: JsonObject): unknown {
  return hasKey(op, 'value') ? deepCopy(op.value) : null;
}

// findObject walks all but the last segment of path and returns the container and the last key.
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let con = doc;
  for (let i = 1; i < split.length - 1; i++) {
    const next = containerGet(con, decodePatchKey(split[i]));
    if (next.err !== undefined || !(Array.isArray(next.value) || isJsonObject(next.value))) return undefined;
    con = next.value;
  }
  return [con, decodePatchKey(split[split.length - 1])];
}

// decodePatchKey unescapes an RFC 6901 reference token: "~1" is "/", then "~0" is "~".
function decodePatchKey(k: string): string {
  return k.includes('~') ? k.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~')) : k;
}

type Got = { value: unknown; err?: undefined } | { value?: undefined; err: string };

function containerGet(con: Container, key: string): Got {
  if (!Array.isArray(con)) return { value: hasKey(con, key) ? con[key] : undefined };
  const parsed = atoi(key);
  if (typeof parsed === 'string') return { err: parsed };
  let idx = parsed;
  if (idx < 0) {
    if (idx < -con.length) return { err: invalidIndex(idx) };
    idx += con.length;
  }
  if (idx >= con.length) return { err: invalidIndex(idx) };
  return { value: con[idx] };
}

function containerAdd(con: Container, key: string, val: unknown): Failure {
  if (!Array.isArray(con)) {
    setKey(con, key, val);
    return undefined;
  }
  if (key === '-') {
    con.push(val);
    return undefined;
  }
  const parsed = atoi(key);
  if (typeof parsed === 'string') return `value was not a proper array index: '${key}': ${parsed}`;
  let idx = parsed;
  const size = con.length + 1;
  if (idx >= size) return invalidIndex(idx);
  if (idx < 0) {
    if (idx < -size) return invalidIndex(idx);
    idx += size;
  }
  con.splice(idx, 0, val);
  return undefined;
}

function containerRemove(con: Container, key: string): Failure {
  if (!Array.isArray(con)) {
    if (!hasKey(con, key)) return `Unable to remove nonexistent key: ${key}: ${ErrMissing}`;
    delete con[key];
    return undefined;
  }
  const parsed = atoi(key);
  if (typeof parsed === 'string') return parsed;
  let idx = parsed;
  if (idx >= con.length) return invalidIndex(idx);
  if (idx < 0) {
    if (idx < -con.length) return invalidIndex(idx);
    idx += con.length;
  }
  con.splice(idx, 1);
  return undefined;
}

// containerSet is only reached after containerGet succeeded, so an array index is in range.
function containerSet(con: Container, key: string, val: unknown): Failure {
  if (!Array.isArray(con)) {
    setKey(con, key, val);
    return undefined;
  }
  const parsed = atoi(key);
  if (typeof parsed === 'string') return parsed;
  con[parsed < 0 ? parsed + con.length : parsed] = val;
  return undefined;
}

function invalidIndex(idx: number): string {
  return `Unable to access invalid index: ${idx}: ${ErrInvalidIndex}`;
}

// atoi parses as strconv.Atoi (int64) does, returning its error text on failure.
function atoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const digits = s.replace(/^[+-]?0*/, '');
  const limit = s.startsWith('-') ? '9223372036854775808' : '9223372036854775807';
  if (digits.length > 19 || (digits.length === 19 && digits > limit)) {
    return `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  }
  return Number(s);
}
