import type { Container, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { SimEpoch } from '../../sim/clock';
import type { HttpRequest } from './http';
import { containerProgram } from './program';

function pod(c: Partial<Container>): Pod {
  return {
    metadata: { name: 'hello-7cd78c8c45-68nnv', namespace: 'default', uid: 'u-1' },
    spec: { containers: [{ name: 'app', ...c }] },
    status: { podIP: '10.244.2.2' },
  };
}

const request = (path: string, query = '', sinceStartMs = 1500): HttpRequest => ({ method: 'GET', path, query, headers: { 'User-Agent': 'kubectl/v1.32.4' }, clientAddr: '172.18.0.2:40312', sinceStartMs });

function answer(c: Partial<Container>, port: number, req: HttpRequest) {
  const program = containerProgram(pod(c), pod(c).spec!.containers[0], 0, { startMs: SimEpoch });
  const listener = program.listens?.find((l) => l.port === port);
  expect(listener?.http, `something serves HTTP on ${port}`).toBeDefined();
  return listener!.http!(req);
}

describe('sample applications', () => {
  it("kubernetes-bootcamp greets with its pod's name and version on 8080", () => {
    const r = answer({ image: 'gcr.io/google-samples/kubernetes-bootcamp:v1' }, 8080, request('/'));
    expect(r.body).toBe('Hello Kubernetes bootcamp! | Running on: hello-7cd78c8c45-68nnv | v=1\n');
    expect(answer({ image: 'docker.io/jocatalin/kubernetes-bootcamp:v2' }, 8080, request('/x')).body).toContain('| v=2\n');
  });

  it('hello-app prints its version and hostname, on $PORT when set', () => {
    expect(answer({ image: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0' }, 8080, request('/')).body).toBe(
      'Hello, world!\nVersion: 2.0.0\nHostname: hello-7cd78c8c45-68nnv\n',
    );
    expect(answer({ image: 'gcr.io/google-samples/hello-app:1.0', env: [{ name: 'PORT', value: '9000' }] }, 9000, request('/')).body).toContain('Version: 1.0.0');
  });

  it('http-echo answers its -text on -listen, and exits without one', () => {
    const c = { image: 'hashicorp/http-echo:1.0', args: ['-text=apple', '-listen=:8080'] };
    expect(answer(c, 8080, request('/anything'))).toMatchObject({ status: 200, body: 'apple\n', headers: { 'X-App-Name': 'http-echo' } });
    expect(answer(c, 8080, request('/health')).body).toBe('{"status":"ok"}');
    const bare = containerProgram(pod({ image: 'hashicorp/http-echo' }), { name: 'app', image: 'hashicorp/http-echo' });
    expect(bare).toMatchObject({ runMs: 10, exitCode: 127 });
  });

  it("agnhost netexec answers the Hello Minikube tutorial's requests", () => {
    const c = { image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', command: ['/agnhost', 'netexec', '--http-port=8080'] };
    expect(answer(c, 8080, request('/')).body).toBe('NOW: 2025-01-01 00:00:01.5 +0000 UTC m=+1.500000000');
    expect(answer(c, 8080, request('/hostname')).body).toBe('hello-7cd78c8c45-68nnv');
    expect(answer(c, 8080, request('/echo', 'msg=hi%20there')).body).toBe('hi there');
    expect(answer(c, 8080, request('/clientip')).body).toBe('172.18.0.2:40312');
    expect(answer(c, 8080, request('/header', 'key=User-Agent')).body).toBe('kubectl/v1.32.4');
    expect(answer({ image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', args: ['serve-hostname'] }, 9376, request('/')).body).toBe('hello-7cd78c8c45-68nnv');
  });

  it('agnhost liveness is healthy for 10 seconds, then answers 500 with its age', () => {
    const c = { image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'] };
    expect(answer(c, 8080, request('/healthz', '', 9000))).toMatchObject({ status: 200, body: 'ok' });
    expect(answer(c, 8080, request('/healthz', '', 12_500))).toMatchObject({ status: 500, body: 'error: 12.5' });
    expect(answer(c, 8080, request('/started', '', 62_250)).body).toBe('1m2.25s');
    expect(answer(c, 8080, request('/other'))).toMatchObject({ status: 404, body: '404 page not found\n' });
  });
});

describe('a shell given stdin', () => {
  it('waits on it for commands, as a toolbox pod with stdin: true does, and exits at once without it', () => {
    const withStdin = containerProgram(pod({ image: 'busybox:1.36', stdin: true, tty: true }), { name: 'app', image: 'busybox:1.36', stdin: true, tty: true });
    expect([withStdin.runMs, withStdin.stopMs]).toEqual([Infinity, Infinity]);
    expect(containerProgram(pod({ image: 'busybox:1.36' }), { name: 'app', image: 'busybox:1.36' }).runMs).toBe(0);
    expect(containerProgram(pod({ image: 'ubuntu' }), { name: 'app', image: 'ubuntu', command: ['/bin/bash'], stdin: true }).runMs).toBe(Infinity);
  });
});
