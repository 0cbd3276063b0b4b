import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startHarness, type Harness } from './kubectlHarness';

// What real kubectl v1.32 prints for bad input against the headless server: every line must be what it
// prints against a real v1.32 kube-apiserver, and a refused request must leave the cluster unchanged.

const deployment = (name: string, spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
${spec}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

/** simulated is the engine's answer to attach and port-forward (SimulatedContainersMessage). */
const simulated = 'containers in Kube Playground are simulated: there is no process to attach to or port-forward to';

/** RefusalCase is one bad input and the exact stderr kubectl prints for it. */
interface RefusalCase {
  name: string;
  args: string[];
  stdin?: string;
  stderr: string;
}

const refusals: RefusalCase[] = [
  {
    name: 'malformed YAML (bad indentation) is refused by kubectl before any request',
    args: ['apply', '-f', '-'],
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: 1\n',
    stderr: 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: did not find expected key\n',
  },
  {
    name: 'malformed YAML (unclosed flow sequence) with create',
    args: ['create', '-f', '-'],
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n',
    stderr: "error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'\n",
  },
  {
    name: 'malformed JSON (trailing comma)',
    args: ['apply', '-f', '-'],
    stdin: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x",}}',
    stderr: "error: error parsing STDIN: json: offset 68: invalid character '}' looking for beginning of object key string\n",
  },
  {
    name: 'truncated JSON',
    args: ['create', '-f', '-'],
    stdin: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}',
    stderr: 'error: error parsing STDIN: unexpected EOF\n',
  },
  {
    name: 'an unknown field with apply is a strict decoding error',
    args: ['apply', '-f', '-'],
    stdin: deployment('bad', '  replicass: 2\n'),
    stderr:
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"\n',
  },
  {
    name: 'an unknown field with create is a strict decoding error',
    args: ['create', '-f', '-'],
    stdin: deployment('bad', '  replicass: 2\n'),
    stderr:
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"\n',
  },
  {
    name: 'two unknown fields are listed in the order kubectl serialises them (sorted keys)',
    args: ['create', '-f', '-'],
    stdin: deployment('bad', '  replicass: 2\n').replace('image: nginx:1.27', 'image: nginx:1.27\n        imagee: x').replace('  name: bad\n', '  name: bad\n  labelz: {}\n'),
    stderr:
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "metadata.labelz", unknown field "spec.replicass", unknown field "spec.template.spec.containers[0].imagee"\n',
  },
  {
    name: 'negative replicas are Invalid',
    args: ['apply', '-f', '-'],
    stdin: deployment('bad', '  replicas: -1\n'),
    stderr: 'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
  },
  {
    name: 'a Pod without containers is Invalid',
    args: ['create', '-f', '-'],
    stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: empty\nspec:\n  containers: []\n',
    stderr: 'The Pod "empty" is invalid: spec.containers: Required value\n',
  },
  {
    // Several causes are printed by kubectl's MultilineError: "prefix: \n* cause\n* cause\n".
    name: 'a Service port out of range is Invalid twice (port and the targetPort defaulted from it)',
    args: ['apply', '-f', '-'],
    stdin: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: big\nspec:\n  ports:\n  - port: 70000\n',
    stderr:
      'The Service "big" is invalid: \n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
  },
  {
    name: 'a string for an int32 is a Go unmarshal error',
    args: ['apply', '-f', '-'],
    stdin: deployment('bad', '  replicas: "two"\n'),
    stderr:
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
  },
  {
    name: 'an unknown kind has no REST mapping',
    args: ['apply', '-f', '-'],
    stdin: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    stderr:
      'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n',
  },
  {
    name: 'extensions/v1beta1 Deployment is no longer served',
    args: ['create', '-f', '-'],
    stdin: deployment('old', '').replace('apps/v1', 'extensions/v1beta1'),
    stderr:
      'error: resource mapping not found for name: "old" namespace: "" from "STDIN": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first\n',
  },
  {
    name: 'get of a missing object is NotFound',
    args: ['get', 'deployment', 'nope'],
    stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
  },
  {
    name: 'delete of a missing object is NotFound',
    args: ['delete', 'deployment', 'nope'],
    stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
  },
  {
    name: 'create -f of an existing object is AlreadyExists',
    args: ['create', '-f', '-'],
    stdin: deployment('web', ''),
    stderr: 'Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "web" already exists\n',
  },
  {
    name: 'a body over 3 MiB is 413',
    args: ['create', '-f', '-'],
    stdin: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'huge' }, data: { a: 'x'.repeat(3 * 1024 * 1024 + 1) } }),
    stderr: 'Error from server (RequestEntityTooLarge): error when creating "STDIN": Request entity too large: limit is 3145728\n',
  },
];

if (!kubectlPath) console.warn('NOTICE: kubectl not found on PATH: the kubectl error-output suite is skipped.');

describe.skipIf(!kubectlPath)('real kubectl v1.32 error output against the headless API server', () => {
  let h: Harness;
  const k = (...args: string[]) => h.run(...args);
  /** snapshot lists every object of the kinds these cases touch, with its resourceVersion. */
  const snapshot = () =>
    k('get', 'deployments,replicasets,pods,services,configmaps,secrets,namespaces', '-A', '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.namespace}/{.metadata.name}@{.metadata.resourceVersion}{"\\n"}{end}');

  beforeAll(async () => {
    h = await startHarness();
    await h.advance(5);
    await h.kubectl(['apply', '-f', '-'], deployment('web', ''));
    await k('run', 'p', '--image=nginx:1.27');
    await h.until(async () => (await k('get', 'pod', 'p', '-o', 'jsonpath={.status.phase}')) === 'Running', 120);
    await h.until(async () => (await k('get', 'deploy', 'web', '-o', 'jsonpath={.status.readyReplicas}')) === '1', 120);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(refusals)('$name', async ({ args, stdin, stderr }) => {
    const before = await snapshot();
    const r = await h.kubectl(args, stdin);
    expect(r.stderr).toBe(stderr);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(await snapshot()).toBe(before);
  });

  it('replace of a stale object is a Conflict and changes nothing', async () => {
    const stale = await k('get', 'deployment', 'web', '-o', 'yaml');
    await k('label', 'deployment', 'web', 'touched=yes');
    const before = await snapshot();
    const r = await h.kubectl(['replace', '-f', '-'], stale);
    expect(r.stderr).toBe(
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
    expect(r.code).toBe(1);
    expect(await snapshot()).toBe(before);
    expect(await k('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.labels.touched}')).toBe('yes');
  });

  it('port-forward says containers are simulated', async () => {
    const r = await h.kubectl(['port-forward', 'pod/p', '0:80']);
    expect(r.stderr).toBe(`error: error upgrading connection: ${simulated}\n`);
    expect(r.code).toBe(1);
  });

  it.each([
    ['an unknown container', ['exec', 'p', '-c', 'nope', '--', 'ls'], 'Error from server (BadRequest): container nope is not valid for pod p\n', 1],
    ['a missing pod', ['exec', 'nope', '--', 'ls'], 'Error from server (NotFound): pods "nope" not found\n', 1],
    ['a shell the image lacks', ['exec', 'p', '--', 'zsh'], /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "zsh": executable file not found in \$PATH: unknown\n$/, 1],
    // kubectl may exit on the exit status before it has copied tar's stderr out: either line shows.
    ['cp, whose tar has no file contents to copy', ['cp', 'p:/etc/hosts', '/tmp/kube-playground-cp-test'], /tar: files in Kube Playground's simulated containers have no content to archive or extract|command terminated with exit code 2/, 2],
  ] as const)('exec into %s is refused in Kubernetes words', async (_name, args, stderr, code) => {
    const r = await h.kubectl([...args]);
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(stderr);
    expect(r.code).toBe(code);
  });

  it('attach says containers are simulated', async () => {
    const r = await h.kubectl(['attach', 'p']);
    expect(r.stderr).toContain(`Error from server (BadRequest): ${simulated}\n`);
    expect(r.code).toBe(1);
  });

  it('top nodes says the Metrics API is not available', async () => {
    const r = await h.kubectl(['top', 'nodes']);
    expect(r.stderr).toBe('error: Metrics API not available\n');
    expect(r.code).toBe(1);
  });
});
