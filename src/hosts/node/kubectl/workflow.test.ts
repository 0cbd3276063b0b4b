import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startHarness, type Harness } from './kubectlHarness';
import { webDeploymentAndService } from './testdata/webApp';

if (!kubectlPath) {
  console.warn('NOTICE: kubectl not found on PATH: the real-kubectl integration suite is skipped.');
}

describe.skipIf(!kubectlPath)('real kubectl v1.32 against the headless API server', () => {
  let h: Harness;
  const k = (...args: string[]) => h.run(...args);
  const jsonpath = (kind: string, path: string, ...rest: string[]) => k('get', kind, ...rest, '-o', `jsonpath=${path}`);

  beforeAll(async () => {
    h = await startHarness();
    await h.advance(5);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reports server version v1.32', async () => {
    const out = await k('version', '-o', 'json');
    expect(JSON.parse(out).serverVersion.gitVersion).toMatch(/^v1\.32\./);
  });

  it('lists the control plane and 3 Ready workers', async () => {
    const out = await k('get', 'nodes', '--no-headers');
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => /\sReady\s/.test(l))).toBe(true);
    expect(out).toMatch(/^control-plane\s+Ready\s+control-plane/m);
  });

  it('applies a Deployment of 3 nginx replicas and a Service: 3 pods Running on workers, 3 endpoints', async () => {
    const r = await h.kubectl(['apply', '-f', '-'], webDeploymentAndService);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('deployment.apps/web created\nservice/web created\n');
    await h.until(async () => (await jsonpath('pods', '{.items[*].status.phase}', '-l', 'app=web')).split(' ').filter((p) => p === 'Running').length === 3);
    const nodes = (await jsonpath('pods', '{.items[*].spec.nodeName}', '-l', 'app=web')).split(' ');
    expect(nodes.every((n) => /^worker-\d$/.test(n))).toBe(true);
    await h.until(async () => (await jsonpath('endpoints', '{.subsets[*].addresses[*].ip}', 'web')).split(' ').filter(Boolean).length === 3);
  });

  it("reaches the Service through the API server's proxy: nginx's welcome page, and the proxy's own errors", async () => {
    const page = await k('get', '--raw', '/api/v1/namespaces/default/services/web/proxy/');
    expect(page).toContain('<title>Welcome to nginx!</title>');
    expect(page.length).toBe(615);
    const missing = await h.kubectl(['get', '--raw', '/api/v1/namespaces/default/services/web:8080/proxy/']);
    expect([missing.code, missing.stderr]).toEqual([1, 'Error from server (ServiceUnavailable): no service port 8080 found for service "web"\n']);
    const pod = (await jsonpath('pods', '{.items[0].metadata.name}', '-l', 'app=web')).trim();
    const refused = await h.kubectl(['get', '--raw', `/api/v1/namespaces/default/pods/${pod}:8080/proxy/`]);
    expect(refused.stderr).toMatch(/^Error from server \(ServiceUnavailable\): error trying to reach service: dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused\n$/);
  });

  it('answers a second apply of the same manifests with unchanged', async () => {
    const r = await h.kubectl(['apply', '-f', '-'], webDeploymentAndService);
    expect(r.stdout).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
  });

  it('scales to 5', async () => {
    expect(await k('scale', 'deployment/web', '--replicas=5')).toBe('deployment.apps/web scaled\n');
    await h.until(async () => (await jsonpath('deployment', '{.status.readyReplicas}', 'web')) === '5');
  });

  it('rolls out a new image, shows 2 revisions, and rolls back', async () => {
    expect(await k('set', 'image', 'deployment/web', 'nginx=nginx:1.28')).toBe('deployment.apps/web image updated\n');
    await h.until(async () => {
      const r = await h.kubectl(['rollout', 'status', 'deployment/web', '--watch=false']);
      return r.stdout.includes('successfully rolled out');
    });
    const history = await k('rollout', 'history', 'deployment/web');
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    expect(await k('rollout', 'undo', 'deployment/web')).toBe('deployment.apps/web rolled back\n');
    await h.until(async () => (await jsonpath('deployment', '{.spec.template.spec.containers[0].image}', 'web')) === 'nginx:1.27');
    await h.until(async () => (await h.kubectl(['rollout', 'status', 'deployment/web', '--watch=false'])).stdout.includes('successfully rolled out'));
  });

  it('replaces a deleted pod', async () => {
    const before = (await jsonpath('pods', '{.items[*].metadata.name}', '-l', 'app=web')).split(' ');
    await k('delete', 'pod', before[0], '--wait=false');
    await h.until(async () => {
      const names = (await jsonpath('pods', '{.items[*].metadata.name}', '-l', 'app=web')).split(' ');
      return !names.includes(before[0]) && names.length === 5;
    });
  });

  it('cordons and drains a node: its pods move elsewhere', async () => {
    const nodes = (await jsonpath('pods', '{.items[*].spec.nodeName}', '-l', 'app=web')).split(' ');
    const target = nodes[0];
    expect(await k('cordon', target)).toBe(`node/${target} cordoned\n`);
    const drain = h.kubectl(['drain', target, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=120s']);
    let done = false;
    void drain.then(() => (done = true));
    for (let i = 0; i < 60 && !done; i++) {
      await h.advance(2);
      await new Promise((r) => setTimeout(r, 100));
    }
    const r = await drain;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`node/${target} drained`);
    await h.until(async () => {
      const after = (await jsonpath('pods', '{.items[*].spec.nodeName}', '-l', 'app=web')).split(' ');
      return after.length === 5 && !after.includes(target);
    });
    expect(await k('uncordon', target)).toBe(`node/${target} uncordoned\n`);
  });

  it('keeps an unschedulable pod Pending with a FailedScheduling event in the v1.32 format', async () => {
    await k('run', 'huge', '--image=nginx:1.27', '--overrides={"spec":{"containers":[{"name":"huge","image":"nginx:1.27","resources":{"requests":{"cpu":"64"}}}]}}');
    await h.advance(10);
    expect(await jsonpath('pod', '{.status.phase}', 'huge')).toBe('Pending');
    const events = await k('get', 'events', '--field-selector', 'involvedObject.name=huge,reason=FailedScheduling', '-o', 'jsonpath={.items[*].message}');
    expect(events).toMatch(
      /^0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 3 Insufficient cpu\. preemption: 0\/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod\./,
    );
  });
});
