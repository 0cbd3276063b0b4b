import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { apiVersionOf } from '../../../engine/api/groupVersion';
import { allResources } from '../../../engine/apiserver/registry/resources';
import { kubectlPath, startHarness, type Harness } from './kubectlHarness';

// The kubectl surface beyond the happy-path workflow, driven by real kubectl v1.32: every command's
// output is asserted as kubectl prints it against a real v1.32 kube-apiserver.

const allKinds = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'allKinds.yaml');

const containersImagesSelector = ['CONTAINERS', 'IMAGES', 'SELECTOR'];
const eventColumns = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
const eventWideColumns = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'];
const bindingColumns = ['NAME', 'ROLE', 'AGE'];

/** columns lists a printer's default columns and, appended to them, its -o wide columns. */
const columns = (defaults: string[], wideExtras: string[] = []) => ({ columns: defaults, wide: [...defaults, ...wideExtras] });

/** tableColumns are the v1.32 server-side printer columns (pkg/printers/internalversion/printers.go), default and -o wide. */
const tableColumns: Record<string, { columns: string[]; wide: string[] }> = {
  configmaps: columns(['NAME', 'DATA', 'AGE']),
  endpoints: columns(['NAME', 'ENDPOINTS', 'AGE']),
  events: { columns: eventColumns, wide: eventWideColumns },
  limitranges: columns(['NAME', 'CREATED AT']),
  namespaces: columns(['NAME', 'STATUS', 'AGE']),
  nodes: columns(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']),
  persistentvolumeclaims: columns(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'], ['VOLUMEMODE']),
  persistentvolumes: columns(['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'], ['VOLUMEMODE']),
  pods: columns(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']),
  podtemplates: columns(['NAME', 'CONTAINERS', 'IMAGES', 'POD LABELS']),
  replicationcontrollers: columns(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], containersImagesSelector),
  // v1.32 still has AGE second; kubernetes#129419 moved it last in v1.33.
  resourcequotas: columns(['NAME', 'AGE', 'REQUEST', 'LIMIT']),
  secrets: columns(['NAME', 'TYPE', 'DATA', 'AGE']),
  serviceaccounts: columns(['NAME', 'SECRETS', 'AGE']),
  services: columns(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['SELECTOR']),
  controllerrevisions: columns(['NAME', 'CONTROLLER', 'REVISION', 'AGE']),
  daemonsets: columns(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], containersImagesSelector),
  deployments: columns(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], containersImagesSelector),
  replicasets: columns(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], containersImagesSelector),
  statefulsets: columns(['NAME', 'READY', 'AGE'], ['CONTAINERS', 'IMAGES']),
  horizontalpodautoscalers: columns(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']),
  cronjobs: columns(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'], containersImagesSelector),
  jobs: columns(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'], containersImagesSelector),
  leases: columns(['NAME', 'HOLDER', 'AGE']),
  certificatesigningrequests: columns(['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION']),
  endpointslices: columns(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']),
  ingressclasses: columns(['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE']),
  ingresses: columns(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']),
  networkpolicies: columns(['NAME', 'POD-SELECTOR', 'AGE']),
  poddisruptionbudgets: columns(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']),
  clusterrolebindings: columns(bindingColumns, ['USERS', 'GROUPS', 'SERVICEACCOUNTS']),
  rolebindings: columns(bindingColumns, ['USERS', 'GROUPS', 'SERVICEACCOUNTS']),
  clusterroles: columns(['NAME', 'CREATED AT']),
  roles: columns(['NAME', 'CREATED AT']),
  // kubernetes#126529 (v1.32) added PREEMPTIONPOLICY; the server always renders wide, so it shows without -o wide.
  priorityclasses: columns(['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']),
  storageclasses: columns(['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']),
};

// Bindings are create-only; every other served resource (both Event groups, both HPA versions) is listed.
const listable = allResources.filter((d) => d.verbs.includes('list'));
const kindCases = listable.map((def) => ({
  def,
  label: `${def.resource}.${def.version}.${def.group || 'core'}`,
  // kubectl's fully qualified resource.version.group reaches the non-preferred autoscaling/v1 too.
  arg: def.group === '' ? def.resource : `${def.resource}.${def.version}.${def.group}`,
  // RBAC names may hold colons (system:discovery); other kinds are DNS subdomains.
  nameRe: new RegExp(`^${def.kind.toLowerCase()}${def.group ? `\\.${def.group.replace(/\./g, '\\.')}` : ''}/[a-z0-9.:-]+$`),
}));

/** headerOf splits a kubectl table header into its column names (tabwriter pads with at least 3 spaces). */
const headerOf = (out: string) => out.split('\n')[0].trim().split(/\s{2,}/);

/** parseTable reads a kubectl table whose cells may be empty by the header's column offsets. */
function parseTable(out: string): Record<string, string>[] {
  const [head, ...rows] = out.trimEnd().split('\n');
  const names = head.trim().split(/\s{2,}/);
  const starts: number[] = [];
  for (const n of names) starts.push(head.indexOf(n, starts.length ? starts[starts.length - 1] + 1 : 0));
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r.slice(starts[i], starts[i + 1]).trim()])));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (!kubectlPath) console.warn('NOTICE: kubectl not found on PATH: the kubectl command suite is skipped.');

describe.skipIf(!kubectlPath)('real kubectl v1.32 commands against the headless API server', () => {
  let h: Harness;
  let scratch: string;
  const k = (...args: string[]) => h.run(...args);
  const jsonpath = (path: string, ...target: string[]) => k('get', ...target, '-o', `jsonpath=${path}`);
  /** background runs a long-lived kubectl (get -w, logs -f) that the test stops itself. */
  const background = (...args: string[]) => {
    const child = spawn(kubectlPath ?? 'kubectl', ['--server', h.url, '--cache-dir', join(scratch, 'bg-cache'), ...args], {
      env: { ...process.env, KUBECONFIG: '/dev/null' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    return {
      output: () => out,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  };
  const podsOf = async (selector: string, ns = 'default') => (await jsonpath('{.items[*].metadata.name}', 'pods', '-n', ns, '-l', selector)).split(' ').filter(Boolean);

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'kubectl-commands-'));
    h = await startHarness();
    await h.advance(5);
    await k('apply', '-f', allKinds);
    await h.until(async () => (await jsonpath('{.status.readyReplicas}', 'deployment', 'web', '-n', 'kinds')) === '2');
  });
  afterAll(async () => {
    await h?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  describe('discovery and cluster information', () => {
    it('version reports a v1.32 server', async () => {
      expect(await k('version')).toMatch(/^Server Version: v1\.32\.\d+$/m);
    });

    it('cluster-info names the control plane at the server URL', async () => {
      const out = (await k('cluster-info')).replace(/\x1b\[[0-9;]*m/g, '');
      expect(out).toContain(`Kubernetes control plane is running at ${h.url}\n`);
      expect(out).toMatch(/^Kubernetes control plane is running at http:\/\/127\.0\.0\.1:\d+$/m);
      expect(out).toContain("To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
    });

    it('api-resources lists every served resource with its short names, version, scope and kind', async () => {
      const rows = parseTable(await k('api-resources'));
      expect(headerOf(await k('api-resources'))).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
      for (const d of allResources.filter((x) => x.preferred !== false)) {
        expect(rows, `${d.resource}.${d.group}`).toContainEqual({
          NAME: d.resource,
          SHORTNAMES: (d.shortNames ?? []).join(','),
          APIVERSION: apiVersionOf(d),
          NAMESPACED: String(d.namespaced),
          KIND: d.kind,
        });
      }
    });

    it('api-versions lists every served group version', async () => {
      const served = [...new Set(allResources.map((d) => apiVersionOf(d)))].sort();
      expect((await k('api-versions')).trim().split('\n')).toEqual(served);
    });

    it('explain deployment.spec.replicas shows the field and its description', async () => {
      const out = await k('explain', 'deployment.spec.replicas');
      expect(out).toMatch(/^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: replicas <integer>\n/);
      expect(out).toContain('Number of desired pods.');
    });
  });

  describe('get for every served kind', () => {
    it.concurrent.each(kindCases)('$label: table, wide, name, json, yaml and jsonpath', async ({ def, arg, nameRe }) => {
      const { columns: cols, wide } = tableColumns[def.resource];
      const prefix = def.namespaced ? ['NAMESPACE'] : [];
      const [table, wideTable, names, json, yaml, path] = await Promise.all([
        k('get', arg, '-A'),
        k('get', arg, '-A', '-o', 'wide'),
        k('get', arg, '-A', '-o', 'name'),
        k('get', arg, '-A', '-o', 'json'),
        k('get', arg, '-A', '-o', 'yaml'),
        k('get', arg, '-A', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}'),
      ]);
      expect(headerOf(table)).toEqual([...prefix, ...cols]);
      expect(headerOf(wideTable)).toEqual([...prefix, ...wide]);
      const list = JSON.parse(json) as { kind: string; items: { apiVersion: string; kind: string; metadata: { name: string } }[] };
      expect(list.kind).toBe('List');
      expect(list.items.length).toBeGreaterThan(0);
      for (const item of list.items) expect([item.apiVersion, item.kind]).toEqual([apiVersionOf(def), def.kind]);
      const itemNames = list.items.map((i) => i.metadata.name);
      expect(table.trimEnd().split('\n')).toHaveLength(itemNames.length + 1);
      expect(names.trim().split('\n').every((l) => nameRe.test(l))).toBe(true);
      expect(names.trim().split('\n').map((l) => l.slice(l.indexOf('/') + 1))).toEqual(itemNames);
      expect((parseYaml(yaml) as typeof list).items.map((i) => i.metadata.name)).toEqual(itemNames);
      expect(path.trim().split('\n')).toEqual(itemNames);
    });

    it('has a v1.32 column list for every listable resource', () => {
      expect(listable.filter((d) => !tableColumns[d.resource]).map((d) => d.resource)).toEqual([]);
    });
  });

  describe('get filters and watch', () => {
    it('get -l selects by label', async () => {
      const out = await k('get', 'pods', '-n', 'kinds', '-l', 'app=web', '-o', 'name');
      expect(out.trim().split('\n')).toHaveLength(2);
      expect(out.trim().split('\n').every((l) => /^pod\/web-[a-z0-9]+-[a-z0-9]{5}$/.test(l))).toBe(true);
    });

    it('get --field-selector selects by spec.nodeName and status.phase', async () => {
      const node = (await jsonpath('{.items[0].spec.nodeName}', 'pods', '-n', 'kinds', '-l', 'app=web'));
      const out = await k('get', 'pods', '-A', '--field-selector', `spec.nodeName=${node},status.phase=Running`, '-o', 'wide');
      const rows = parseTable(out);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.NODE === node && r.STATUS === 'Running')).toBe(true);
    });

    it('get -A prints the NAMESPACE column and objects of every namespace', async () => {
      const rows = parseTable(await k('get', 'pods', '-A'));
      expect(new Set(rows.map((r) => r.NAMESPACE))).toEqual(new Set(['kinds', 'kube-system']));
    });

    it('get -w prints a pod created while it watches', async () => {
      await k('create', 'namespace', 'watched');
      const w = background('get', 'pods', '-n', 'watched', '-w');
      await sleep(1500);
      expect(await k('run', 'watched-pod', '-n', 'watched', '--image=nginx:1.27')).toBe('pod/watched-pod created\n');
      await h.advance(10);
      for (let i = 0; i < 30 && !/watched-pod\s+1\/1\s+Running/.test(w.output()); i++) await sleep(200);
      await w.stop();
      expect(w.output()).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
      expect(w.output()).toMatch(/^watched-pod\s+0\/1\s+Pending\s+0\s+\S+$/m);
      expect(w.output()).toMatch(/^watched-pod\s+1\/1\s+Running\s+0\s+\S+$/m);
    });
  });

  describe('describe', () => {
    it('describes a Deployment with replicas, conditions, its ReplicaSet and events', async () => {
      const out = await k('describe', 'deployment', 'web', '-n', 'kinds');
      expect(out).toMatch(/^Name:\s+web$/m);
      expect(out).toMatch(/^Namespace:\s+kinds$/m);
      expect(out).toMatch(/^Selector:\s+app=web$/m);
      expect(out).toMatch(/^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
      expect(out).toMatch(/^StrategyType:\s+RollingUpdate$/m);
      expect(out).toMatch(/^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
      expect(out).toMatch(/^\s+Available\s+True\s+MinimumReplicasAvailable$/m);
      expect(out).toMatch(/^\s+Progressing\s+True\s+NewReplicaSetAvailable$/m);
      expect(out).toMatch(/^NewReplicaSet:\s+web-[a-z0-9]+ \(2\/2 replicas created\)$/m);
      expect(out).toMatch(/^\s+Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-[a-z0-9]+ to 2$/m);
    });

    it('describes a Pod with an Events section: Scheduled, Pulling, Pulled, Created, Started', async () => {
      // An image no node has pulled yet, so that the kubelet reports Pulling rather than "already present".
      await k('run', 'described', '--image=httpd:2.4');
      await h.until(async () => (await jsonpath('{.status.phase}', 'pod', 'described')) === 'Running');
      const out = await k('describe', 'pod', 'described');
      expect(out).toMatch(/^Status:\s+Running$/m);
      expect(out).toMatch(/^Node:\s+worker-\d\/\S+$/m);
      const events = out.slice(out.indexOf('\nEvents:\n'));
      expect(events).toMatch(/^\s+Type\s+Reason\s+Age\s+From\s+Message$/m);
      const reasons = [...events.matchAll(/^\s+(?:Normal|Warning)\s+(\S+)/gm)].map((m) => m[1]);
      expect(reasons.filter((r) => r !== 'FailedScheduling')).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
      expect(events).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/described to worker-\d$/m);
      expect(events).toMatch(/Normal\s+Pulling\s+\S+\s+kubelet\s+Pulling image "httpd:2\.4"$/m);
      expect(events).toMatch(/Normal\s+Pulled\s+\S+\s+kubelet\s+Successfully pulled image "httpd:2\.4" in \S+ \(\S+ including waiting\)\. Image size: \d+ bytes\.$/m);
      expect(events).toMatch(/Normal\s+Created\s+\S+\s+kubelet\s+Created container: described$/m);
      expect(events).toMatch(/Normal\s+Started\s+\S+\s+kubelet\s+Started container described$/m);
    });
  });

  describe('apply', () => {
    const cm = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: ${value}\n`;

    it('applies a file: created, unchanged on repeat, configured on change', async () => {
      const file = join(scratch, 'one.yaml');
      writeFileSync(file, cm('applied-file', 'a'));
      expect(await k('apply', '-f', file)).toBe('configmap/applied-file created\n');
      expect(await k('apply', '-f', file)).toBe('configmap/applied-file unchanged\n');
      writeFileSync(file, cm('applied-file', 'b'));
      expect(await k('apply', '-f', file)).toBe('configmap/applied-file configured\n');
      expect(await jsonpath('{.data.key}', 'configmap', 'applied-file')).toBe('b');
    });

    it('applies a directory of .yaml and .yml files, multi-document included', async () => {
      const dir = join(scratch, 'dir');
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.yaml'), cm('dir-a', 'a'));
      writeFileSync(join(dir, 'b.yml'), `${cm('dir-b', 'b')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: dir-svc\nspec:\n  ports:\n  - port: 80\n`);
      expect(await k('apply', '-f', dir)).toBe('configmap/dir-a created\nconfigmap/dir-b created\nservice/dir-svc created\n');
      expect(await k('apply', '-f', dir)).toBe('configmap/dir-a unchanged\nconfigmap/dir-b unchanged\nservice/dir-svc unchanged\n');
      writeFileSync(join(dir, 'a.yaml'), cm('dir-a', 'changed'));
      expect(await k('apply', '-f', dir)).toBe('configmap/dir-a configured\nconfigmap/dir-b unchanged\nservice/dir-svc unchanged\n');
    });

    it('applies multi-document YAML from stdin', async () => {
      const docs = `${cm('stdin-a', 'a')}---\n${cm('stdin-b', 'b')}`;
      const run = (text: string) => h.kubectl(['apply', '-f', '-'], text);
      expect((await run(docs)).stdout).toBe('configmap/stdin-a created\nconfigmap/stdin-b created\n');
      expect((await run(docs)).stdout).toBe('configmap/stdin-a unchanged\nconfigmap/stdin-b unchanged\n');
      const r = await run(docs.replace('key: b', 'key: c'));
      expect([r.stdout, r.stderr]).toEqual(['configmap/stdin-a unchanged\nconfigmap/stdin-b configured\n', '']);
    });
  });

  describe('create, run and expose', () => {
    it.each([
      [['create', 'deployment', 'made', '--image=nginx:1.27', '--replicas=2'], 'deployment.apps/made created\n', ['{.spec.replicas}', 'deployment', 'made'], '2'],
      [['create', 'service', 'clusterip', 'made-svc', '--tcp=80:8080'], 'service/made-svc created\n', ['{.spec.ports[0].targetPort}', 'service', 'made-svc'], '8080'],
      [['create', 'configmap', 'made-cm', '--from-literal=greeting=hello'], 'configmap/made-cm created\n', ['{.data.greeting}', 'configmap', 'made-cm'], 'hello'],
      [['create', 'secret', 'generic', 'made-secret', '--from-literal=password=hunter2'], 'secret/made-secret created\n', ['{.data.password}', 'secret', 'made-secret'], 'aHVudGVyMg=='],
      [['create', 'namespace', 'made-ns'], 'namespace/made-ns created\n', ['{.status.phase}', 'namespace', 'made-ns'], 'Active'],
      [['create', 'job', 'made-job', '--image=busybox:1.36'], 'job.batch/made-job created\n', ['{.spec.template.spec.restartPolicy}', 'job', 'made-job'], 'Never'],
    ])('%j prints %j', async (args, stdout, [path, ...target], value) => {
      const r = await h.kubectl(args);
      expect([r.stdout, r.stderr]).toEqual([stdout, '']);
      expect(await jsonpath(path, ...target)).toBe(value);
    });

    it('run creates a pod with the given labels', async () => {
      expect(await k('run', 'runner', '--image=nginx:1.27', '--labels=app=runner,tier=web')).toBe('pod/runner created\n');
      expect(await jsonpath('{.metadata.labels.app},{.metadata.labels.tier},{.spec.containers[0].image}', 'pod', 'runner')).toBe('runner,web,nginx:1.27');
    });

    it('expose creates a Service selecting the Deployment pods', async () => {
      expect(await k('expose', 'deployment', 'made', '--port=80', '--target-port=8080')).toBe('service/made exposed\n');
      expect(await jsonpath('{.spec.selector.app} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.type}', 'service', 'made')).toBe('made 80 8080 ClusterIP');
    });
  });

  describe('changing a Deployment', () => {
    it('scale sets the replicas and the Deployment becomes ready at that size', async () => {
      expect(await k('scale', 'deployment', 'made', '--replicas=3')).toBe('deployment.apps/made scaled\n');
      await h.until(async () => (await jsonpath('{.status.readyReplicas}', 'deployment', 'made')) === '3');
    });

    it('label adds, refuses to overwrite without --overwrite, and removes', async () => {
      expect(await k('label', 'deployment', 'made', 'tier=web')).toBe('deployment.apps/made labeled\n');
      const r = await h.kubectl(['label', 'deployment', 'made', 'tier=db']);
      expect([r.code, r.stderr]).toEqual([1, "error: 'tier' already has a value (web), and --overwrite is false\n"]);
      expect(await k('label', 'deployment', 'made', 'tier=db', '--overwrite')).toBe('deployment.apps/made labeled\n');
      expect(await jsonpath('{.metadata.labels.tier}', 'deployment', 'made')).toBe('db');
      expect(await k('label', 'deployment', 'made', 'tier-')).toBe('deployment.apps/made unlabeled\n');
      expect(await jsonpath('{.metadata.labels}', 'deployment', 'made')).toBe('{"app":"made"}');
    });

    it('annotate adds an annotation', async () => {
      expect(await k('annotate', 'deployment', 'made', 'owner=team-a')).toBe('deployment.apps/made annotated\n');
      expect(await jsonpath('{.metadata.annotations.owner}', 'deployment', 'made')).toBe('team-a');
    });

    it('set image rolls out a new revision; rollout status and history show it', async () => {
      expect(await k('set', 'image', 'deployment/made', 'nginx=nginx:1.28')).toBe('deployment.apps/made image updated\n');
      await h.until(async () => (await h.kubectl(['rollout', 'status', 'deployment/made', '--watch=false'])).stdout === 'deployment "made" successfully rolled out\n');
      expect(await k('rollout', 'history', 'deployment/made')).toBe('deployment.apps/made \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    });

    it('rollout undo goes back to the previous image', async () => {
      expect(await k('rollout', 'undo', 'deployment/made')).toBe('deployment.apps/made rolled back\n');
      await h.until(async () => (await jsonpath('{.spec.template.spec.containers[0].image}', 'deployment', 'made')) === 'nginx:1.27');
      await h.until(async () => (await h.kubectl(['rollout', 'status', 'deployment/made', '--watch=false'])).stdout.includes('successfully rolled out'));
    });

    it('rollout pause, pause again, resume', async () => {
      expect(await k('rollout', 'pause', 'deployment/made')).toBe('deployment.apps/made paused\n');
      expect(await jsonpath('{.spec.paused}', 'deployment', 'made')).toBe('true');
      const again = await h.kubectl(['rollout', 'pause', 'deployment/made']);
      expect([again.code, again.stderr]).toEqual([1, 'error: deployments.apps "made" is already paused\n']);
      expect(await k('rollout', 'resume', 'deployment/made')).toBe('deployment.apps/made resumed\n');
      expect(await jsonpath('{.spec.paused}', 'deployment', 'made')).toBe('');
    });

    it('rollout restart stamps the template and replaces the pods', async () => {
      const before = await podsOf('app=made');
      expect(await k('rollout', 'restart', 'deployment/made')).toBe('deployment.apps/made restarted\n');
      expect(await jsonpath('{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}', 'deployment', 'made')).toMatch(/^\d{4}-\d\d-\d\dT/);
      await h.until(async () => {
        const now = await podsOf('app=made');
        return now.length === 3 && now.every((p) => !before.includes(p));
      });
    });
  });

  describe('logs', () => {
    it('logs --tail prints the last lines', async () => {
      await h.until(async () => (await jsonpath('{.status.phase}', 'pod', 'runner')) === 'Running');
      await h.advance(120);
      const all = (await k('logs', 'runner')).trimEnd().split('\n');
      expect(all.length).toBeGreaterThan(2);
      expect(await k('logs', 'runner', '--tail=2')).toBe(`${all.slice(-2).join('\n')}\n`);
    });

    it('logs --previous of a container that never restarted is a BadRequest', async () => {
      const r = await h.kubectl(['logs', 'runner', '--previous']);
      expect([r.code, r.stderr]).toEqual([1, 'Error from server (BadRequest): previous terminated container "runner" in pod "runner" not found\n']);
    });

    it('logs -f streams new lines as simulated time passes', async () => {
      const f = background('logs', '-f', 'runner', '--tail=1');
      await sleep(1000);
      const first = f.output();
      await h.advance(180);
      for (let i = 0; i < 30 && f.output().trimEnd().split('\n').length < 3; i++) await sleep(200);
      await f.stop();
      expect(first.trimEnd().split('\n')).toHaveLength(1);
      expect(f.output().trimEnd().split('\n').length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('exec', () => {
    it('runs a command in the container, with its environment, and passes its exit code on', async () => {
      await h.until(async () => (await jsonpath('{.status.phase}', 'pod', 'runner')) === 'Running');
      expect(await k('exec', 'runner', '--', 'sh', '-c', 'echo $HOSTNAME; printenv KUBE_NOPE || true')).toBe('runner\n');
      const failed = await h.kubectl(['exec', 'runner', '--', 'sh', '-c', 'echo partial; exit 3']);
      expect([failed.stdout, failed.stderr, failed.code]).toEqual(['partial\n', 'command terminated with exit code 3\n', 3]);
    });

    it("reaches its own server, and is kept from a Service of another namespace by its NetworkPolicy, in curl's words", async () => {
      expect(await k('exec', 'runner', '--', 'curl', '-s', 'localhost')).toContain('<h1>Welcome to nginx!</h1>');
      // The kinds namespace's "deny" policy takes no ingress to its web pods.
      const denied = await h.kubectl(['exec', 'runner', '--', 'curl', '-sS', 'web.kinds']);
      expect([denied.stderr, denied.code]).toEqual(['curl: (28) Failed to connect to web.kinds port 80 after 0 ms: Connection timed out\ncommand terminated with exit code 28\n', 28]);
      const missing = await h.kubectl(['exec', 'runner', '--', 'curl', '-sS', 'http://nope']);
      expect([missing.stderr, missing.code]).toEqual(['curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n', 6]);
    });

    it('-i runs the lines piped into a shell', async () => {
      const r = await h.kubectl(['exec', '-i', 'runner', '--', 'sh'], 'echo one\ncat /var/run/secrets/kubernetes.io/serviceaccount/namespace\nexit 4\n');
      expect([r.stdout, r.code]).toEqual(['one\ndefault\n', 4]);
    });
  });

  describe('proxy', () => {
    it("kubectl proxy serves the API locally, and a Service's proxy path reaches its pods", async () => {
      const p = background('proxy', '--port=0');
      let port = '';
      for (let i = 0; i < 50 && !port; i++) {
        port = /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(p.output())?.[1] ?? '';
        if (!port) await sleep(100);
      }
      try {
        expect(port).not.toBe('');
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/kinds/services/web/proxy/`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html');
        expect(await res.text()).toContain('<h1>Welcome to nginx!</h1>');
        const missing = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/kinds/services/web/proxy/nope.html`);
        expect([missing.status, (await missing.text()).includes('<center><h1>404 Not Found</h1></center>')]).toEqual([404, true]);
      } finally {
        await p.stop();
      }
    });
  });

  describe('events', () => {
    it('kubectl events --for lists the events of one object', async () => {
      const out = await k('events', '-n', 'kinds', '--for', 'deployment/web');
      expect(headerOf(out)).toEqual(eventColumns);
      expect(out).toMatch(/^\S+\s+Normal\s+ScalingReplicaSet\s+Deployment\/web\s+Scaled up replica set web-[a-z0-9]+ to 2$/m);
    });

    it('kubectl get events filters by field selector', async () => {
      const rows = parseTable(await k('get', 'events', '-n', 'kinds', '--field-selector', 'reason=ScalingReplicaSet'));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.REASON === 'ScalingReplicaSet' && r.OBJECT === 'deployment/web')).toBe(true);
    });
  });

  describe('delete with cascading', () => {
    it('--cascade=orphan leaves the ReplicaSet and its pods, without an owner', async () => {
      await k('create', 'deployment', 'orphaner', '--image=nginx:1.27');
      await h.until(async () => (await jsonpath('{.status.readyReplicas}', 'deployment', 'orphaner')) === '1');
      const rs = await jsonpath('{.items[*].metadata.name}', 'rs', '-l', 'app=orphaner');
      expect(await k('delete', 'deployment', 'orphaner', '--cascade=orphan')).toBe('deployment.apps "orphaner" deleted\n');
      await h.advance(10);
      expect(await jsonpath('{.items[*].metadata.name}', 'rs', '-l', 'app=orphaner')).toBe(rs);
      expect(await jsonpath('{.items[*].metadata.ownerReferences}', 'rs', '-l', 'app=orphaner')).toBe('');
      expect(await podsOf('app=orphaner')).toHaveLength(1);
    });

    it('--cascade=foreground deletes the ReplicaSets and pods too', async () => {
      await k('create', 'deployment', 'fg', '--image=nginx:1.27', '--replicas=2');
      await h.until(async () => (await jsonpath('{.status.readyReplicas}', 'deployment', 'fg')) === '2');
      expect(await k('delete', 'deployment', 'fg', '--cascade=foreground', '--wait=false')).toBe('deployment.apps "fg" deleted\n');
      await h.until(async () => (await jsonpath('{.items[*].metadata.name}', 'rs', '-l', 'app=fg')) === '' && (await podsOf('app=fg')).length === 0);
      expect((await h.kubectl(['get', 'deployment', 'fg'])).stderr).toBe('Error from server (NotFound): deployments.apps "fg" not found\n');
    });
  });

  describe('node maintenance', () => {
    it('cordon, cordon again, uncordon', async () => {
      expect(await k('cordon', 'worker-3')).toBe('node/worker-3 cordoned\n');
      expect(await jsonpath('{.spec.unschedulable}', 'node', 'worker-3')).toBe('true');
      expect(await k('cordon', 'worker-3')).toBe('node/worker-3 already cordoned\n');
      expect(await k('uncordon', 'worker-3')).toBe('node/worker-3 uncordoned\n');
      expect(await jsonpath('{.spec.unschedulable}', 'node', 'worker-3')).toBe('');
    });

    it('taint adds and removes a taint', async () => {
      expect(await k('taint', 'nodes', 'worker-3', 'dedicated=db:NoSchedule')).toBe('node/worker-3 tainted\n');
      expect(await jsonpath('{.spec.taints}', 'node', 'worker-3')).toBe('[{"effect":"NoSchedule","key":"dedicated","value":"db"}]');
      expect(await k('taint', 'nodes', 'worker-3', 'dedicated=db:NoSchedule-')).toBe('node/worker-3 untainted\n');
      expect(await jsonpath('{.spec.taints}', 'node', 'worker-3')).toBe('');
    });

    it('drain evicts the pods of a node, which are recreated elsewhere', async () => {
      const target = await jsonpath('{.items[0].spec.nodeName}', 'pods', '-n', 'kinds', '-l', 'app=web');
      const drain = h.kubectl(['drain', target, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=120s']);
      let done = false;
      void drain.then(() => (done = true));
      for (let i = 0; i < 60 && !done; i++) {
        await h.advance(2);
        await sleep(100);
      }
      const r = await drain;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^node\/\S+ cordoned$/m);
      expect(r.stdout).toContain(`node/${target} drained\n`);
      await h.until(async () => {
        const nodes = (await jsonpath('{.items[*].spec.nodeName}', 'pods', '-n', 'kinds', '-l', 'app=web')).split(' ');
        return nodes.length === 2 && !nodes.includes(target);
      });
      expect(await k('uncordon', target)).toBe(`node/${target} uncordoned\n`);
    });
  });
  describe('authentication and authorization (service account tokens, AlwaysAllow)', () => {
    it('auth can-i allows everything, and whoami names the anonymous user', async () => {
      expect(await k('auth', 'can-i', 'delete', 'nodes')).toBe('yes\n');
      expect(await k('auth', 'can-i', 'create', 'deployments', '--as', 'jane', '-n', 'kinds')).toBe('yes\n');
      expect(parseTable(await k('auth', 'whoami'))).toEqual([
        { ATTRIBUTE: 'Username', VALUE: 'system:anonymous' },
        { ATTRIBUTE: 'Groups', VALUE: '[system:unauthenticated]' },
      ]);
      // --as and --as-group impersonate, which AlwaysAllow lets anyone do.
      expect(parseTable(await k('auth', 'whoami', '--as', 'system:serviceaccount:ci:builder'))).toEqual([
        { ATTRIBUTE: 'Username', VALUE: 'system:serviceaccount:ci:builder' },
        { ATTRIBUTE: 'Groups', VALUE: '[system:serviceaccounts system:serviceaccounts:ci system:authenticated]' },
      ]);
      expect(await k('auth', 'whoami', '--as', 'jane', '--as-group', 'devs', '-o', 'jsonpath={.status.userInfo.groups}')).toBe('["devs","system:authenticated"]');
    });

    it('create token issues a token that a TokenReview authenticates as the service account', async () => {
      const token = (await k('create', 'token', 'default', '-n', 'kinds', '--duration', '30m')).trim();
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const review = `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${token}\n`;
      // kubectl can check a review against the schema only by asking for CRDs, which are not served.
      const r = await h.kubectl(['create', '--validate=false', '-f', '-', '-o', 'jsonpath={.status.authenticated} {.status.user.username} {.status.user.groups}'], review);
      expect(r.stdout, r.stderr).toBe('true system:serviceaccount:kinds:default ["system:serviceaccounts","system:serviceaccounts:kinds","system:authenticated"]');
      expect((await h.kubectl(['create', 'token', 'default', '--duration', '5m'])).stderr).toBe(
        'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
      );
      expect((await h.kubectl(['create', 'token', 'nobody'])).stderr).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
    });

    it('a kubernetes.io/service-account-token Secret gets a long-lived token for its ServiceAccount', async () => {
      const manifests =
        'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: build-robot}\n---\n' +
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: build-robot-secret\n  annotations: {kubernetes.io/service-account.name: build-robot}\ntype: kubernetes.io/service-account-token\n';
      expect((await h.kubectl(['apply', '-f', '-'], manifests)).stdout).toBe('serviceaccount/build-robot created\nsecret/build-robot-secret created\n');
      await h.until(async () => (await jsonpath('{.data.token}', 'secret', 'build-robot-secret')) !== '');
      expect(await jsonpath('{.metadata.annotations.kubernetes\\.io/service-account\\.uid}', 'secret', 'build-robot-secret')).toBe(await jsonpath('{.metadata.uid}', 'serviceaccount', 'build-robot'));
      const token = Buffer.from(await jsonpath('{.data.token}', 'secret', 'build-robot-secret'), 'base64').toString();
      const review = `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${token}\n`;
      const r = await h.kubectl(['create', '--validate=false', '-f', '-', '-o', 'jsonpath={.status.authenticated} {.status.user.username}'], review);
      expect(r.stdout, r.stderr).toBe('true system:serviceaccount:default:build-robot');
    });

    it('a SubjectAccessReview is allowed, and one that names nobody is refused', async () => {
      const sar = (spec: string) => `apiVersion: authorization.k8s.io/v1\nkind: SubjectAccessReview\nspec:\n${spec}`;
      const ok = await h.kubectl(['create', '--validate=false', '-f', '-', '-o', 'jsonpath={.status.allowed}'], sar('  user: jane\n  resourceAttributes: {verb: get, resource: pods}\n'));
      expect(ok.stdout, ok.stderr).toBe('true');
      const bad = await h.kubectl(['create', '--validate=false', '-f', '-'], sar('  resourceAttributes: {verb: get, resource: pods}\n'));
      expect(bad.stderr).toBe('The request is invalid: spec.user: Invalid value: "": at least one of user or group must be specified\n');
    });
  });
});
