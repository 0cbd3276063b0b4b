import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import type { ApiRequest } from '../../client/transport';
import { Applier } from './apply';
import { startApplyTestServer } from './applyTesting';
import { goJson } from '../../api/goJson';
import { LastAppliedConfigAnnotation } from './lastApplied';

// Expected texts are what kubectl v1.32 printed (and sent, with -v=8) against the same engine over
// HTTP: `kubectl apply -f -` with the manifests in testdata/.

const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const v1 = testdata('deployment-v1.yaml');
const v2 = testdata('deployment-v2.yaml');

/** v1LastApplied is the annotation kubectl 1.32 wrote for the Deployment of deployment-v1.yaml. */
const v1LastApplied =
  '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"golden","tier":"front"},"name":"golden","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"golden"}},"strategy":{"rollingUpdate":{"maxSurge":1},"type":"RollingUpdate"},"template":{"metadata":{"labels":{"app":"golden"}},"spec":{"containers":[{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"image":"nginx:1.27","name":"nginx","ports":[{"containerPort":80}]},{"image":"busybox","name":"side"}]}}}}\n';

const configMap = (name: string, data: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n${data}`;

describe('Applier (kubectl apply -f -)', () => {
  let client: ApiClient;
  let writes: ApiRequest[];
  let applier: Applier;
  const messages = async (text: string, dryRun = false) => (await applier.apply(text, { dryRun })).map((r) => r.message);
  const getDeployment = (name: string) => client.get<Deployment>(Resources.deployments, 'default', name);

  beforeEach(async () => {
    ({ client, writes } = await startApplyTestServer());
    applier = new Applier(client);
  });

  it('creates what is absent, with the last-applied annotation kubectl writes', async () => {
    expect(await messages(v1)).toEqual(['deployment.apps/golden created', 'service/golden created']);
    const d = await getDeployment('golden');
    expect(d.metadata?.annotations?.[LastAppliedConfigAnnotation]).toBe(v1LastApplied);
    expect(writes.map((w) => [w.method, w.query])).toEqual([
      ['POST', { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' }],
      ['POST', { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' }],
    ]);
  });

  it('reports unchanged and writes nothing when the manifest did not change', async () => {
    await applier.apply(v1);
    writes.length = 0;
    expect(await messages(v1)).toEqual(['deployment.apps/golden unchanged', 'service/golden unchanged']);
    expect(writes).toEqual([]);
  });

  it.each([
    ['deployment', 'labels, env and containers removed, a port added, strategy retainKeys'],
    ['volumes', 'finalizers as a primitive merge list, a volume source swapped (retainKeys), list order'],
  ])('sends byte for byte the three-way patch kubectl sends (%s: %s)', async (name) => {
    await applier.apply(testdata(`${name}-v1.yaml`));
    writes.length = 0;
    await applier.apply(testdata(`${name}-v2.yaml`));
    expect(writes.map((w) => [w.method, w.contentType])).toEqual([['PATCH', 'application/strategic-merge-patch+json']]);
    expect(goJson(writes[0].body)).toBe(testdata(`${name}-v1-to-v2.patch.json`).trim());
  });

  it('configures a changed object and removes what the manifest no longer has', async () => {
    await applier.apply(v1);
    expect(await messages(v2)).toEqual(['deployment.apps/golden configured', 'service/golden unchanged']);
    const d = await getDeployment('golden');
    expect(d.metadata?.labels).toEqual({ app: 'golden' });
    expect(d.spec?.strategy).toEqual({ type: 'Recreate' });
    expect(d.spec?.replicas).toBe(2);
    const containers = d.spec?.template.spec?.containers ?? [];
    expect(containers.map((c) => c.name)).toEqual(['nginx']);
    expect(containers[0].env).toEqual([{ name: 'A', value: '1' }]);
    expect(containers[0].ports?.map((p) => p.containerPort)).toEqual([80, 443]);
  });

  it('keeps changes made by others to fields the manifest never set, and overwrites those it sets', async () => {
    await applier.apply(configMap('cm', '  a: "1"\n'));
    await client.patch(Resources.configmaps, 'default', 'cm', 'merge', { metadata: { labels: { team: 'x' } }, data: { a: '9', other: 'kept' } });
    expect(await messages(configMap('cm', '  a: "1"\n'))).toEqual(['configmap/cm configured']);
    const cm = await client.get<ConfigMap>(Resources.configmaps, 'default', 'cm');
    expect(cm.data).toEqual({ a: '1', other: 'kept' });
    expect(cm.metadata?.labels).toEqual({ team: 'x' });
  });

  it('dry-runs on the server: results say so and nothing is stored', async () => {
    expect(await messages(v1, true)).toEqual(['deployment.apps/golden created (server dry run)', 'service/golden created (server dry run)']);
    expect(writes.every((w) => w.query?.dryRun === 'All')).toBe(true);
    await expect(getDeployment('golden')).rejects.toThrow('deployments.apps "golden" not found');
    await applier.apply(v1);
    const before = (await getDeployment('golden')).metadata?.resourceVersion;
    expect(await messages(v2, true)).toEqual(['deployment.apps/golden configured (server dry run)', 'service/golden unchanged (server dry run)']);
    expect((await getDeployment('golden')).metadata?.resourceVersion).toBe(before);
  });

  it('warns when the live object has no last-applied annotation, then patches it in', async () => {
    await client.create(Resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1', namespace: 'default' }, data: { a: 'b' } });
    const [r] = await applier.apply(configMap('w1', '  a: c\n'));
    expect(r.message).toBe('configmap/w1 configured');
    expect(r.warnings).toEqual([
      'Warning: resource configmaps/w1 is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.',
    ]);
    const cm = await client.get<ConfigMap>(Resources.configmaps, 'default', 'w1');
    expect(cm.metadata?.annotations?.[LastAppliedConfigAnnotation]).toBe(
      '{"apiVersion":"v1","data":{"a":"c"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"w1","namespace":"default"}}\n',
    );
  });

  it('leaves the namespace out of cluster-scoped objects, and applies the items of a List', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: team\n    namespace: default\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: li\n    namespace: team\n';
    expect(await messages(list)).toEqual(['namespace/team created', 'configmap/li created']);
    const ns = await client.get(Resources.namespaces, undefined, 'team');
    expect(ns.metadata?.annotations?.[LastAppliedConfigAnnotation]).toBe('{"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{},"name":"team"}}\n');
  });

  describe('errors, in kubectl’s words, on the lines they are about', () => {
    it('an unknown kind has no REST mapping; the other documents are applied', async () => {
      const results = await applier.apply(`${configMap('z1', '  a: b\n')}---\napiVersion: foo/v1\nkind: Foo\nmetadata:\n  name: z2\n---\n${configMap('z3', '  a: b\n')}`);
      expect(results.map((r) => r.message)).toEqual([
        'configmap/z1 created',
        'error: resource mapping not found for name: "z2" namespace: "" from "STDIN": no matches for kind "Foo" in version "foo/v1"\nensure CRDs are installed first',
        'configmap/z3 created',
      ]);
      expect(results[1].markers).toEqual([{ message: 'no matches for kind "Foo" in version "foo/v1"', range: { start: { line: 9, column: 1 }, end: { line: 9, column: 10 } } }]);
    });

    it('a 422 Invalid marks the field the cause names, and creates nothing', async () => {
      const bad = v1.replace('replicas: 3', 'replicas: -1').split('---')[0];
      const [r] = await applier.apply(bad);
      expect(r.message).toBe('The Deployment "golden" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
      expect(r.markers).toEqual([
        { message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0', range: { start: { line: 9, column: 3 }, end: { line: 9, column: 15 } } },
      ]);
      await expect(getDeployment('golden')).rejects.toThrow('not found');
    });

    it('an unknown field is a strict decoding error on its line, and the live object is untouched', async () => {
      await applier.apply(v2);
      const before = (await getDeployment('golden')).metadata?.resourceVersion;
      const [r] = await applier.apply(v2.replace('  replicas: 2\n', '  replicas: 2\n  foo: 1\n'));
      expect(r.message).toBe(
        `Error from server (BadRequest): error when applying patch:\n${JSON.stringify({
          metadata: { annotations: { [LastAppliedConfigAnnotation]: JSON.parse(JSON.stringify(v2LastAppliedWithFoo)) } },
          spec: { foo: 1 },
        })}\nto:\nResource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\nName: "golden", Namespace: "default"\nfor: "STDIN": error when patching "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"`,
      );
      expect(r.markers).toEqual([{ message: 'unknown field "spec.foo"', range: { start: { line: 9, column: 3 }, end: { line: 9, column: 9 } } }]);
      expect((await getDeployment('golden')).metadata?.resourceVersion).toBe(before);
    });

    it('a YAML error ends the stream: earlier documents are applied, later ones are not read', async () => {
      const text = `${configMap('y1', '  a: b\n')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y2\n data: 1\n---\n${configMap('y3', '  a: b\n')}`;
      const results = await applier.apply(text);
      expect(results.map((r) => r.message)).toEqual([
        'configmap/y1 created',
        expect.stringMatching(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line 5: /),
      ]);
      expect(results[1].markers[0].range.start.line).toBe(12);
      await expect(client.get(Resources.configmaps, 'default', 'y3')).rejects.toThrow('not found');
    });

    it.each([
      ['kind', 'apiVersion: v1\nmetadata:\n  name: x\n', 'kind not set'],
      ['apiVersion', 'kind: ConfigMap\nmetadata:\n  name: x\n', 'apiVersion not set'],
      ['both', 'metadata:\n  name: x\n', '[apiVersion not set, kind not set]'],
      ['an object', '- a\n- b\n', 'invalid object to validate'],
    ])('a document without %s is refused before any request', async (_, text, reason) => {
      const [r] = await applier.apply(text);
      expect(r.message).toBe(`error: error validating "STDIN": error validating data: ${reason}; if you choose to ignore these errors, turn validation off with --validate=false`);
      expect(r.markers[0].range.start.line).toBe(1);
      expect(writes).toEqual([]);
    });

    it('an object without a name is refused before any write', async () => {
      const [r] = await applier.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\ndata:\n  a: b\n');
      expect(r.message).toBe(
        'error: error when retrieving current configuration of:\nResource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"\nName: "", Namespace: "default"\nfrom server for: "STDIN": resource name may not be empty',
      );
      expect(r.markers[0].range.start.line).toBe(3);
      expect(writes).toEqual([]);
    });

    it('a namespace that does not exist marks metadata.namespace', async () => {
      const [r] = await applier.apply(configMap('x', '  a: b\n', '').replace('  name: x\n', '  name: x\n  namespace: nope\n'));
      expect(r.message).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "nope" not found');
      expect(r.markers.map((m) => m.range.start.line)).toEqual([5]);
    });

    it('YAML 1.1 booleans reach the server as booleans, as with kubectl', async () => {
      const [r] = await applier.apply(configMap('q', '  a: yes\n'));
      expect(r.message).toBe(
        'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ConfigMap.data of type string',
      );
      expect(r.markers.map((m) => m.range.start.line)).toEqual([5]);
    });

    it('a stream with no objects is refused', async () => {
      expect(await messages('# nothing\n')).toEqual(['error: no objects passed to apply']);
    });
  });
});

/** v2LastAppliedWithFoo is the last-applied annotation of deployment-v2.yaml with spec.foo: 1 added. */
const v2LastAppliedWithFoo =
  '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"golden"},"name":"golden","namespace":"default"},"spec":{"foo":1,"replicas":2,"selector":{"matchLabels":{"app":"golden"}},"strategy":{"type":"Recreate"},"template":{"metadata":{"labels":{"app":"golden"}},"spec":{"containers":[{"env":[{"name":"A","value":"1"}],"image":"nginx:1.27","name":"nginx","ports":[{"containerPort":80},{"containerPort":443}]}]}}}}\n';
