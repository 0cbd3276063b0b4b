import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Status } from 'kubernetes-types/meta/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCollection, parseAllDocuments, visit, type Tags } from 'yaml';
import { apiVersionOf } from '../api/groupVersion';
import type { ApiResponse } from '../client/transport';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import { allResources } from '../apiserver/registry/resources';
import { Cluster } from './cluster';

// Every manifest of kubernetes/examples, created the way `kubectl create -f` would create it against a
// v1.32 server: accepted, or refused with a Status; never a 5xx and never a thrown exception.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpusDir = resolve(repoRoot, '../shared/corpus/kubernetes-examples');
const corpusPresent = existsSync(corpusDir);
if (!corpusPresent) console.warn(`NOTICE: ${corpusDir} is absent: the manifest corpus test is skipped.`);

type Manifest = Record<string, unknown> & { apiVersion?: unknown; kind?: unknown; metadata?: { name?: string; namespace?: string } };

/** Doc is one object of the corpus with where it came from. */
interface Doc {
  file: string;
  index: number;
  obj: Manifest;
}

interface Outcome {
  doc: Doc;
  /** kind is accepted, rejected, unserved or notObject. */
  kind: 'accepted' | 'rejected' | 'unserved' | 'notObject';
  status?: number;
  reason?: string;
  message: string;
  renamed?: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const goYamlV2Tags = (tags: Tags) =>
  tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && (t as { format?: string }).format !== 'TIME'));

/** readDocs splits a file as kubectl's resource builder does: YAML streams by "---", v1 Lists flattened. */
function readDocs(path: string): { docs: Doc[]; error?: string } {
  const file = relative(corpusDir, path);
  const text = readFileSync(path, 'utf8');
  const raw: unknown[] = [];
  if (/\.json$/i.test(path)) {
    try {
      raw.push(JSON.parse(text));
    } catch (e) {
      return { docs: [], error: (e as Error).message };
    }
  } else {
    // sigs.k8s.io/yaml uses go-yaml v2, a YAML 1.1 parser: "yes"/"on" are booleans, a repeated key
    // overrides the earlier one, and a collection as a key ("replicas: {{replicas}}") is an error;
    // but timestamps stay strings and there are no base-60 numbers.
    for (const d of parseAllDocuments(text, { version: '1.1', uniqueKeys: false, customTags: goYamlV2Tags })) {
      if (d.errors.length > 0) return { docs: [], error: d.errors[0].message.split('\n')[0] };
      let collectionKey = false;
      visit(d, { Pair: (_, pair) => void (collectionKey ||= isCollection(pair.key)) });
      if (collectionKey) return { docs: [], error: 'error converting YAML to JSON: yaml: invalid map key' };
      raw.push(d.toJSON());
    }
  }
  const docs: Doc[] = [];
  const add = (o: unknown) => {
    if (o === null || o === undefined) return; // an empty document is skipped
    if (typeof o === 'object' && !Array.isArray(o) && (o as Manifest).kind === 'List' && Array.isArray((o as { items?: unknown }).items)) {
      for (const item of (o as { items: unknown[] }).items) add(item);
      return;
    }
    docs.push({ file, index: docs.length, obj: o as Manifest });
  };
  for (const o of raw) add(o);
  return { docs };
}

const byGvk = new Map<string, ResourceDefinition>();
for (const d of allResources) if (!byGvk.has(`${apiVersionOf(d)}/${d.kind}`)) byGvk.set(`${apiVersionOf(d)}/${d.kind}`, d);

/** sortKeys orders object keys as Go's encoding/json does for the map kubectl sends, so errors list fields in kubectl's order. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
}

function collectionPath(def: ResourceDefinition, ns: string): string {
  const base = def.group === '' ? `/api/${def.version}` : `/apis/${def.group}/${def.version}`;
  return def.namespaced ? `${base}/namespaces/${ns}/${def.resource}` : `${base}/${def.resource}`;
}

function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as Status).kind === 'Status';
}

describe.skipIf(!corpusPresent)('kubernetes/examples corpus through the API server', () => {
  let cluster: Cluster;
  const outcomes: Outcome[] = [];
  const unparsable: { file: string; error: string }[] = [];
  const thrown: { doc: Doc; error: string }[] = [];
  const serverErrors: { doc: Doc; res: ApiResponse }[] = [];
  const fileCount = { n: 0 };
  const renames = { n: 0 };

  const post = (def: ResourceDefinition, ns: string, obj: Manifest): ApiResponse =>
    cluster.apiServer.handle({
      method: 'POST',
      path: collectionPath(def, ns),
      query: { fieldValidation: 'Strict', fieldManager: 'kubectl-create' },
      body: JSON.stringify(sortKeys(obj)),
      contentType: 'application/json',
      accept: 'application/json',
      userAgent: 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd',
    });

  const createDoc = (doc: Doc): Outcome => {
    const { obj } = doc;
    if (typeof obj !== 'object' || Array.isArray(obj) || !obj.apiVersion || !obj.kind) {
      // kubectl refuses these before any request: "error validating data: [apiVersion not set, kind not set]".
      const missing = [!obj?.apiVersion && 'apiVersion not set', !obj?.kind && 'kind not set'].filter(Boolean);
      return { doc, kind: 'notObject', message: `error validating data: [${missing.join(', ')}]` };
    }
    const def = byGvk.get(`${String(obj.apiVersion)}/${String(obj.kind)}`);
    if (!def) return { doc, kind: 'unserved', message: `no matches for kind "${String(obj.kind)}" in version "${String(obj.apiVersion)}"` };
    const ns = obj.metadata?.namespace ?? 'default';
    let res: ApiResponse;
    let renamed: string | undefined;
    try {
      res = post(def, ns, obj);
      // Examples reuse names ("redis-master" in five of them): retry under a fresh name so the object is judged too.
      if (res.status === 409 && isStatus(res.body) && res.body.reason === 'AlreadyExists' && obj.metadata?.name) {
        renamed = `${obj.metadata.name}-${++renames.n}`;
        res = post(def, ns, { ...obj, metadata: { ...obj.metadata, name: renamed } });
      }
    } catch (e) {
      thrown.push({ doc, error: (e as Error).stack ?? String(e) });
      return { doc, kind: 'rejected', reason: 'thrown', message: String(e) };
    }
    if (res.status >= 500) serverErrors.push({ doc, res });
    if (res.status < 300) return { doc, kind: 'accepted', status: res.status, message: '', renamed };
    const st = isStatus(res.body) ? res.body : undefined;
    return { doc, kind: 'rejected', status: res.status, reason: st?.reason ?? '(no Status)', message: st?.message ?? JSON.stringify(res.body), renamed };
  };

  beforeAll(async () => {
    cluster = new Cluster({ seed: 7, workers: 2, yieldToHost: () => new Promise((r) => setImmediate(r)) });
    await cluster.start();
    const docs: Doc[] = [];
    for (const path of walk(corpusDir)) {
      fileCount.n++;
      const r = readDocs(path);
      if (r.error) unparsable.push({ file: relative(corpusDir, path), error: r.error });
      docs.push(...r.docs);
    }
    // Namespace documents first, as an operator would `kubectl create -f namespace.yaml` before the rest;
    // then every other namespace the examples name is created as `kubectl create ns` would.
    const isNamespace = (d: Doc) => d.obj?.apiVersion === 'v1' && d.obj?.kind === 'Namespace';
    for (const d of docs.filter(isNamespace)) outcomes.push(createDoc(d));
    const wanted = new Set(docs.map((d) => d.obj?.metadata?.namespace).filter((n): n is string => typeof n === 'string'));
    for (const name of wanted) {
      cluster.apiServer.handle({ method: 'POST', path: '/api/v1/namespaces', body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }), contentType: 'application/json' });
    }
    for (const d of docs.filter((x) => !isNamespace(x))) outcomes.push(createDoc(d));
  });

  afterAll(() => {
    cluster?.stop();
  });

  it('walks the corpus', () => {
    expect(fileCount.n).toBeGreaterThan(0);
    expect(outcomes.length).toBeGreaterThan(0);
  });

  it('never throws out of ApiServer.handle', () => {
    expect(thrown.map((t) => `${t.doc.file}#${t.doc.index}: ${t.error}`)).toEqual([]);
  });

  it('never answers 5xx', () => {
    expect(serverErrors.map((e) => `${e.doc.file}#${e.doc.index} ${String(e.doc.obj.kind)}: ${e.res.status} ${JSON.stringify(e.res.body)}`)).toEqual([]);
  });

  it('answers every rejection with a Status carrying a reason and a message', () => {
    const bad = outcomes.filter((o) => o.kind === 'rejected' && (!o.reason || o.reason === '(no Status)' || !o.message));
    expect(bad.map((o) => `${o.doc.file}#${o.doc.index}: ${o.status} ${o.message}`)).toEqual([]);
  });

  it('keeps serving once its controllers, scheduler and kubelets have worked through the corpus', async () => {
    await cluster.sim.advance(60_000);
    for (const path of ['/version', '/api/v1/pods', '/apis/apps/v1/deployments', '/api/v1/events']) {
      expect(cluster.apiServer.handle({ method: 'GET', path }).status, path).toBe(200);
    }
    const pods = cluster.apiServer.handle({ method: 'GET', path: '/api/v1/pods' }).body as { items: { status?: { phase?: string } }[] };
    expect(pods.items.filter((p) => p.status?.phase === 'Running').length).toBeGreaterThan(0);
  });

  it('reports the counts, which add up', () => {
    const count = (k: Outcome['kind']) => outcomes.filter((o) => o.kind === k).length;
    const byReason = new Map<string, number>();
    for (const o of outcomes.filter((x) => x.kind === 'rejected')) byReason.set(`${o.status} ${o.reason}`, (byReason.get(`${o.status} ${o.reason}`) ?? 0) + 1);
    const unserved = new Map<string, number>();
    for (const o of outcomes.filter((x) => x.kind === 'unserved')) unserved.set(o.message, (unserved.get(o.message) ?? 0) + 1);
    const rows: [string, number][] = [
      ['files', fileCount.n],
      ['unparsable files', unparsable.length],
      ['documents', outcomes.length],
      ['accepted', count('accepted')],
      ['  of which renamed after AlreadyExists', outcomes.filter((o) => o.kind === 'accepted' && o.renamed).length],
      ['rejected', count('rejected')],
      ...[...byReason].map(([r, n]): [string, number] => [`  ${r}`, n]),
      ['unserved kinds', count('unserved')],
      ...[...unserved].map(([m, n]): [string, number] => [`  ${m}`, n]),
      ['not objects (no apiVersion/kind)', count('notObject')],
    ];
    const lines = rows.map(([k, n]) => `${k.padEnd(72)} ${String(n).padStart(5)}`);
    const details = [
      ...unparsable.map((u) => `unparsable ${u.file}: ${u.error}`),
      ...outcomes.filter((o) => o.kind === 'rejected').map((o) => `rejected ${o.doc.file}#${o.doc.index} ${String(o.doc.obj.kind)}: ${o.status} ${o.reason}: ${o.message}`),
      ...outcomes.filter((o) => o.kind === 'notObject').map((o) => `not an object ${o.doc.file}#${o.doc.index}: ${o.message}`),
    ];
    console.log(`kubernetes/examples corpus (${corpusDir})\n${lines.join('\n')}\n\n${details.join('\n')}`);
    expect(count('accepted') + count('rejected') + count('unserved') + count('notObject')).toBe(outcomes.length);
    expect([...byReason.values()].reduce((a, b) => a + b, 0)).toBe(count('rejected'));
    expect([...unserved.values()].reduce((a, b) => a + b, 0)).toBe(count('unserved'));
    expect(count('accepted')).toBeGreaterThan(outcomes.length / 2);
  });
});
