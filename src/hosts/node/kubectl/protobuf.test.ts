import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startHarness, type Harness } from './kubectlHarness';

// kubectl's typed clients (kubectl create ...) send protobuf bodies, and its validation reads
// /openapi/v2 as gnostic protobuf: both must work against the engine as against kube-apiserver.

describe.skipIf(!kubectlPath)('real kubectl v1.32: protobuf bodies and the protobuf OpenAPI v2 document', () => {
  let h: Harness;
  const k = (...args: string[]) => h.run(...args);
  const getJson = async (...args: string[]) => JSON.parse(await k('get', ...args, '-o', 'json'));

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates a deployment from `kubectl create deployment`', async () => {
    expect(await k('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2')).toBe('deployment.apps/web created\n');
    const d = await getJson('deployment', 'web');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec.template.spec.containers).toMatchObject([{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }]);
    expect(d.spec.strategy.type).toBe('RollingUpdate');
  });

  it('creates a configmap and a secret whose bytes arrive as base64', async () => {
    expect(await k('create', 'configmap', 'c', '--from-literal=a=b')).toBe('configmap/c created\n');
    expect((await getJson('configmap', 'c')).data).toEqual({ a: 'b' });
    expect(await k('create', 'secret', 'generic', 's', '--from-literal=p=q')).toBe('secret/s created\n');
    const s = await getJson('secret', 's');
    expect(s.data).toEqual({ p: 'cQ==' });
    expect(s.type).toBe('Opaque');
  });

  it('creates a namespace and a job', async () => {
    expect(await k('create', 'namespace', 'n')).toBe('namespace/n created\n');
    expect((await getJson('namespace', 'n')).status.phase).toBe('Active');
    expect(await k('create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi')).toBe('job.batch/j created\n');
    const j = await getJson('job', 'j');
    expect(j.spec.template.spec.containers).toMatchObject([{ name: 'j', image: 'busybox', command: ['echo', 'hi'] }]);
    expect(j.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('runs a pod and exposes the deployment', async () => {
    expect(await k('run', 'r', '--image=nginx:1.27', '--port', '80', '--labels=app=r')).toBe('pod/r created\n');
    const pod = await getJson('pod', 'r');
    expect(pod.metadata.labels).toEqual({ app: 'r' });
    expect(pod.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(await k('expose', 'deployment', 'web', '--port', '80')).toBe('service/web exposed\n');
    const svc = await getJson('service', 'web');
    expect(svc.spec.selector).toEqual({ app: 'web' });
    expect(svc.spec.ports).toMatchObject([{ port: 80, targetPort: 80, protocol: 'TCP' }]);
  });

  it('creates a NodePort service with its target port', async () => {
    expect(await k('create', 'service', 'nodeport', 'np', '--tcp=80:8080')).toBe('service/np created\n');
    const svc = await getJson('service', 'np');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.selector).toEqual({ app: 'np' });
    expect(svc.spec.ports).toMatchObject([{ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
  });

  it.each([
    ['example.com/v1', 'Widget'],
    ['extensions/v1beta1', 'Deployment'],
  ])('reports an unknown %s %s as kube-apiserver’s kubectl does', async (apiVersion, kind) => {
    const r = await h.kubectl(['apply', '-f', '-'], `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: w\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`,
    );
  });

  it('validates known kinds: a valid manifest applies, an unknown field is the server’s strict decoding error', async () => {
    const manifest = (extra: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n${extra}data:\n  k: v\n`;
    expect((await h.kubectl(['apply', '-f', '-'], manifest(''))).stdout).toBe('configmap/applied created\n');
    const r = await h.kubectl(['create', '-f', '-'], manifest('bogus: 1\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('strict decoding error: unknown field "bogus"');
  });

  it('explains a field from the protobuf OpenAPI v2 document', async () => {
    const out = await k('explain', 'deployment.spec.strategy', '--output=plaintext-openapiv2');
    expect(out).toContain('KIND:     Deployment');
    expect(out).toContain('VERSION:  apps/v1');
    expect(out).toMatch(/rollingUpdate\s+<Object>/);
  });
});
