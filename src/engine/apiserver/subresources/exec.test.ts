import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamChunk } from '../../client/transport';
import { Cluster } from '../../cluster/cluster';
import { Resources } from '../registry/resources';

// pods/exec through the API server's stream: a command runs in the simulated container.

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

async function start(): Promise<Cluster> {
  cluster = new Cluster({ seed: 4, workers: 1, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
  await cluster.start();
  const pod = (name: string, image: string, extra: Partial<Pod['spec']> = {}): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'main', image, command: image.startsWith('busybox') ? ['sleep', '3600'] : undefined, env: [{ name: 'GREETING', value: 'hello' }] }], ...extra },
  });
  await cluster.client.create(Resources.pods, pod('web', 'nginx:1.27'));
  await cluster.client.create(Resources.pods, pod('bb', 'busybox:1.36'));
  await cluster.sim.advance(30_000);
  return cluster;
}

/** exec opens pods/exec and collects what comes back; send feeds stdin. */
async function exec(c: Cluster, pod: string, command: string[], opts: { stdin?: boolean; tty?: boolean; container?: string } = {}) {
  const chunks: StreamChunk[] = [];
  const query = { command, container: opts.container ?? 'main', stdout: 'true', stderr: 'true', ...(opts.stdin ? { stdin: 'true' } : {}), ...(opts.tty ? { tty: 'true' } : {}) };
  const id = await c.apiServer.stream({ method: 'GET', path: `/api/v1/namespaces/default/pods/${pod}/exec`, query }, (ch) => chunks.push(ch));
  const text = (stream: 'stdout' | 'stderr') => chunks.map((ch) => (ch.type === 'output' && ch.stream === stream ? ch.text : '')).join('');
  const end = () => chunks.find((ch) => ch.type === 'end') as Extract<StreamChunk, { type: 'end' }> | undefined;
  return { chunks, stdout: () => text('stdout'), stderr: () => text('stderr'), end, send: (data: string | null) => c.apiServer.input(id, data) };
}

describe('pods/exec', () => {
  it("runs a command with the container's environment and ends with the kubelet's exit Status", async () => {
    const c = await start();
    const hello = await exec(c, 'web', ['sh', '-c', 'echo $GREETING from $(hostname)']);
    expect(hello.chunks[0]).toEqual({ type: 'started' });
    expect(hello.stdout()).toBe('hello from web\n');
    expect(hello.end()?.status).toEqual({ metadata: {}, status: 'Success' });
    const failed = await exec(c, 'web', ['sh', '-c', 'echo partial; exit 3']);
    expect(failed.stdout()).toBe('partial\n');
    expect(failed.end()?.status).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo partial; exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('writes CR LF line ends on a terminal, stdout and stderr as one stream', async () => {
    const c = await start();
    const r = await exec(c, 'bb', ['sh', '-c', 'echo a; uname; echo b'], { tty: true });
    expect([r.stdout(), r.stderr()]).toEqual(['kube-playground: "uname" is not simulated in container main: it ran and printed nothing\r\na\r\nb\r\n', '']);
  });

  it("keeps what exec'd commands write in the container, which later commands and its server read", async () => {
    const c = await start();
    expect((await exec(c, 'bb', ['sh', '-c', 'echo a > /tmp/x; echo b >> /tmp/x; cat /tmp/x'])).stdout()).toBe('a\nb\n');
    expect((await exec(c, 'bb', ['cat', '/tmp/x'])).stdout()).toBe('a\nb\n');
    // The docs' Get a Shell to a Running Container page: nginx serves the page written into its root.
    await exec(c, 'web', ['sh', '-c', "echo 'Hello shell demo' > /usr/share/nginx/html/index.html"]);
    expect((await exec(c, 'web', ['curl', '-s', 'http://localhost/'])).stdout()).toBe('Hello shell demo\n');
    expect(c.apiServer.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/web/proxy/' }).body).toBe('Hello shell demo\n');
    await exec(c, 'bb', ['rm', '/tmp/x']);
    expect((await exec(c, 'bb', ['cat', '/tmp/x'])).stdout()).toBe('');
    // The layer goes with its pod.
    const uid = (await c.client.get<Pod>(Resources.pods, 'default', 'web')).metadata!.uid!;
    expect(c.apiServer.ctx.writable.files(uid, 'main', 0)?.get('/usr/share/nginx/html/index.html')).toBe('Hello shell demo\n');
    await c.client.delete(Resources.pods, 'default', 'web', { gracePeriodSeconds: 0 });
    await c.sim.advance(5_000);
    expect(c.apiServer.ctx.writable.files(uid, 'main', 0)).toBeUndefined();
  });

  it('passes on output as simulated time passes and ends when the command does', async () => {
    const c = await start();
    const slow = await exec(c, 'bb', ['sh', '-c', 'echo one; sleep 5; echo two']);
    expect(slow.stdout()).toBe('one\n');
    expect(slow.end()).toBeUndefined();
    await c.sim.advance(6_000);
    expect(slow.stdout()).toBe('one\ntwo\n');
    expect(slow.end()?.status?.status).toBe('Success');
  });

  it('says on stderr which commands it does not simulate, and that kubectl cp has nothing to copy', async () => {
    const c = await start();
    const r = await exec(c, 'bb', ['sh', '-c', 'uname -a; echo ok']);
    expect(r.stdout()).toBe('ok\n');
    expect(r.stderr()).toBe('kube-playground: "uname" is not simulated in container main: it ran and printed nothing\n');
    const cp = await exec(c, 'bb', ['tar', 'cf', '-', '/etc/hosts']);
    expect(cp.stderr()).toMatch(/^tar: files in Kube Playground's simulated containers have no content/);
    expect(cp.end()?.status?.details?.causes?.[0].message).toBe('2');
  });

  it('refuses as the API server and kubelet do', async () => {
    const c = await start();
    expect((await exec(c, 'web', [])).end()?.status?.message).toBe('you must specify at least 1 command');
    expect((await exec(c, 'web', ['ls'], { container: 'nope' })).end()?.status?.message).toBe('container nope is not valid for pod web');
    expect((await exec(c, 'nope', ['ls'])).end()?.status).toMatchObject({ code: 404, message: 'pods "nope" not found' });
    await c.client.create(Resources.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lost', namespace: 'default' }, spec: { nodeSelector: { none: 'x' }, containers: [{ name: 'main', image: 'nginx' }] } });
    expect((await exec(c, 'lost', ['ls'])).end()?.status?.message).toBe('pod lost does not have a host assigned');
    // A pod bound to a node whose container is not running: the kubelet's plain-text answer.
    await c.client.create(Resources.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bound', namespace: 'default' }, spec: { nodeName: 'gone', containers: [{ name: 'main', image: 'nginx' }] } });
    expect((await exec(c, 'bound', ['ls'])).end()).toEqual({ type: 'end', refused: { code: 500, text: 'container not found ("main")\n' } });
    const bash = (await exec(c, 'bb', ['bash'], { stdin: true, tty: true })).end()?.status;
    expect(bash).toMatchObject({ code: 500, reason: 'InternalError' });
    expect(bash?.message).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/);
  });

  it('reaches Services and pods over the simulated network: cluster DNS and kube-proxy', async () => {
    const c = await start();
    const svc = (name: string, clusterIP?: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { clusterIP, selector: { run: 'web' }, ports: [{ port: 80 }] } });
    await c.client.patch(Resources.pods, 'default', 'web', 'merge', { metadata: { labels: { run: 'web' } } });
    await c.client.create(Resources.services, svc('web'));
    await c.client.create(Resources.services, svc('web-headless', 'None'));
    await c.sim.advance(5_000);
    const web = await c.client.get<Pod>(Resources.pods, 'default', 'web');
    const clusterIP = (await c.client.get<Service>(Resources.services, 'default', 'web')).spec!.clusterIP;
    const lookup = await exec(c, 'bb', ['nslookup', 'web']);
    expect(lookup.stdout()).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${clusterIP}\n\n`);
    expect((await exec(c, 'bb', ['nslookup', 'web-headless.default'])).stdout()).toContain(`Address: ${web.status!.podIP}\n`);
    expect((await exec(c, 'bb', ['nslookup', 'nope.web-headless'])).end()?.status?.details?.causes?.[0].message).toBe('1');
    const page = await exec(c, 'bb', ['wget', '-qO-', 'http://web']);
    expect(page.stdout()).toContain('<title>Welcome to nginx!</title>');
    expect(page.end()?.status?.status).toBe('Success');
    const direct = await exec(c, 'web', ['sh', '-c', `curl -s -o /dev/null -w x http://${web.status!.podIP}/ && echo reached`]);
    expect(direct.stdout()).toBe('reached\n');
    // A NodePort Service answers on every node's address.
    await c.client.create(Resources.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-np', namespace: 'default' }, spec: { type: 'NodePort', selector: { run: 'web' }, ports: [{ port: 80, nodePort: 30080 }] } });
    await c.sim.advance(5_000);
    const node = (await c.client.get<Node>(Resources.nodes, undefined, web.spec!.nodeName!)).status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    expect((await exec(c, 'bb', ['wget', '-qO-', `http://${node}:30080/`])).stdout()).toContain('Welcome to nginx!');
    expect((await exec(c, 'bb', ['wget', '-qO-', `http://${node}:30081/`])).stderr()).toBe(`wget: can't connect to remote host (${node}): Connection refused\n`);
    // Each image has the tools it ships: busybox no curl, nginx no wget.
    const noCurl = await exec(c, 'bb', ['sh', '-c', 'curl -s web']);
    expect([noCurl.stderr(), noCurl.end()?.status?.details?.causes?.[0].message]).toEqual(['sh: curl: not found\n', '127']);
    expect((await exec(c, 'web', ['wget', 'web'])).end()?.status?.message).toMatch(/exec: "wget": executable file not found in \$PATH: unknown$/);
    const refused = await exec(c, 'bb', ['wget', '-q', '-O-', `${web.status!.podIP}:8080`]);
    expect([refused.stderr(), refused.end()?.status?.details?.causes?.[0].message]).toEqual([`wget: can't connect to remote host (${web.status!.podIP}): Connection refused\n`, '1']);
  });

  it("answers a StatefulSet pod's own name, as its headless Service gives it (web-0.nginx)", async () => {
    const c = await start();
    await c.client.create(Resources.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'sts' }, ports: [{ port: 80 }] } });
    await c.client.create(Resources.statefulsets, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: { serviceName: 'nginx', replicas: 1, selector: { matchLabels: { app: 'sts' } }, template: { metadata: { labels: { app: 'sts' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    await c.sim.advance(30_000);
    const ip = (await c.client.get<Pod>(Resources.pods, 'default', 'web-0')).status!.podIP;
    expect((await exec(c, 'bb', ['nslookup', 'web-0.nginx'])).stdout()).toContain(`Name:\tweb-0.nginx.default.svc.cluster.local\nAddress: ${ip}\n`);
  });

  it("enforces NetworkPolicy as the docs' Declare Network Policy page shows it", async () => {
    const c = await start();
    await c.client.patch(Resources.pods, 'default', 'web', 'merge', { metadata: { labels: { app: 'nginx' } } });
    await c.client.create(Resources.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default' }, spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }] } });
    await c.sim.advance(5_000);
    const probe = () => exec(c, 'bb', ['wget', '--spider', '--timeout=1', 'nginx']);
    expect((await probe()).stderr()).toMatch(/^Connecting to nginx \(10\.\d+\.\d+\.\d+:80\)\nremote file exists\n$/);
    await c.client.create(Resources.networkpolicies, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'access-nginx', namespace: 'default' },
      spec: { podSelector: { matchLabels: { app: 'nginx' } }, ingress: [{ from: [{ podSelector: { matchLabels: { access: 'true' } } }] }] },
    });
    const blocked = await probe();
    expect(blocked.stderr()).toMatch(/\nwget: download timed out\n$/);
    expect(blocked.end()?.status?.details?.causes?.[0].message).toBe('1');
    await c.client.patch(Resources.pods, 'default', 'bb', 'merge', { metadata: { labels: { access: 'true' } } });
    expect((await probe()).stderr()).toContain('remote file exists');
  });

  it('runs piped lines in a shell without a terminal, and ends with the last status at end of input', async () => {
    const c = await start();
    const sh = await exec(c, 'bb', ['sh'], { stdin: true });
    sh.send('echo first\nfalse');
    expect(sh.stdout()).toBe('first\n');
    sh.send(null);
    expect(sh.end()?.status?.details?.causes?.[0].message).toBe('1');
  });

  it('is an interactive shell on a terminal: prompt, echo, CR LF, cd, Ctrl-C and exit', async () => {
    const c = await start();
    const sh = await exec(c, 'bb', ['sh'], { stdin: true, tty: true });
    expect(sh.stdout()).toBe('/ # ');
    sh.send('echo hi\r');
    sh.send('cd /tmp\r');
    sh.send('pwd\r');
    sh.send('sleep 100\r');
    sh.send('\x03');
    sh.send('exit 5\r');
    expect(sh.stdout()).toBe('/ # echo hi\r\nhi\r\n/ # cd /tmp\r\n/tmp # pwd\r\n/tmp\r\n/tmp # sleep 100\r\n^C\r\n/tmp # exit 5\r\n');
    expect(sh.end()?.status?.details?.causes?.[0].message).toBe('5');
    const bash = await exec(c, 'web', ['bash'], { stdin: true, tty: true });
    bash.send('\x04');
    expect(bash.stdout()).toBe('root@web:/# exit\r\n');
    expect(bash.end()?.status?.status).toBe('Success');
  });
});
