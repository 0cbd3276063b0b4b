import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../client/apiClient';
import { EventRecorder } from '../client/eventRecorder';
import { RecordingTransport } from '../controllers/util/recordingClient';
import { formatTime } from '../sim/clock';
import { Sim } from '../sim/sim';
import { PodLifecycle } from './lifecycle';
import { profiles } from './stages/profiles';

interface Harness {
  sim: Sim;
  transport: RecordingTransport;
  lifecycle: PodLifecycle;
  /** log is every write and event, stamped with simulated seconds since the start. */
  log: string[];
  /** api is each pod as the API would show it after the kubelet's status writes. */
  api: Map<string, Pod>;
  /** observe hands a pod to the kubelet, as its watch would, and remembers it as the API's copy. */
  observe(p: Pod): void;
}

function harness(): Harness {
  const sim = new Sim(7, () => new Promise<void>((r) => queueMicrotask(r)));
  const t0 = sim.clock.now();
  const transport = new RecordingTransport(sim);
  const log: string[] = [];
  const api = new Map<string, Pod>();
  const events = new Map<string, string>();
  let rv = 100;
  const at = () => ((sim.clock.now() - t0) / 1000).toFixed(3);
  transport.respond = (req) => {
    const body = req.body as { metadata?: { name: string }; reason?: string; message?: string; count?: number; status?: PodStatus; gracePeriodSeconds?: number; preconditions?: unknown };
    if (req.path.endsWith('/events') && req.method === 'POST') {
      events.set(body.metadata!.name, `${body.reason}: ${body.message}`);
      log.push(`${at()} event ${body.reason}: ${body.message}`);
    } else if (req.path.includes('/events/')) {
      log.push(`${at()} event ${events.get(req.path.split('/').pop()!)} (x${body.count})`);
    } else if (req.path.endsWith('/status')) {
      log.push(`${at()} ${req.method} status ${summary(body.status!)}`);
      const name = req.path.split('/').slice(-2)[0];
      const cur = api.get(name)!;
      const updated = { ...cur, metadata: { ...cur.metadata, resourceVersion: String(++rv) }, status: body.status };
      api.set(name, updated);
      return { status: 200, body: updated };
    } else if (req.method === 'DELETE') {
      log.push(`${at()} DELETE ${req.path} grace=${body.gracePeriodSeconds} ${JSON.stringify(body.preconditions)}`);
    }
    return undefined;
  };
  const client = new ApiClient(transport, 'kubelet/v1.32.4 (linux/amd64) worker-1');
  const recorder = new EventRecorder(client, sim, 'kubelet', { host: 'worker-1' });
  const lifecycle = new PodLifecycle(client, sim, recorder, { name: 'worker-1', hostIP: '172.18.0.3', podCIDR: '10.244.1.0/24', allocatable: { cpu: '4', memory: '8Gi' } }, profiles.general, sim.rng.fork('pods'));
  return {
    sim,
    transport,
    lifecycle,
    log,
    api,
    observe(p) {
      api.set(p.metadata!.name!, p);
      lifecycle.observe(p);
    },
  };
}

function summary(s: PodStatus): string {
  const cs = [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])].map((c) => {
    const state = c.state?.waiting?.reason ?? (c.state?.running ? 'Running' : `Terminated(${c.state?.terminated?.exitCode})`);
    return `${c.name}=${state}${c.ready ? '/ready' : ''}${c.restartCount ? `/restarts=${c.restartCount}` : ''}`;
  });
  const ready = s.conditions?.find((c) => c.type === 'Ready')?.status;
  return `${s.phase} ready=${ready} ip=${s.podIP ?? '-'} ${cs.join(' ')}`;
}

let uidSeq = 0;
function pod(name: string, container: Partial<NonNullable<Pod['spec']>['containers'][number]>, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}-${++uidSeq}`, resourceVersion: '10' },
    spec: {
      nodeName: 'worker-1',
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      containers: [{ name: 'app', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', ...container }],
      ...spec,
    },
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
  };
}

/** deleting returns the pod as the API shows it after `kubectl delete` (graceful). */
function deleting(h: Harness, name: string): Pod {
  const p = h.api.get(name)!;
  const grace = p.spec?.terminationGracePeriodSeconds ?? 30;
  const meta = { ...p.metadata, deletionTimestamp: formatTime(h.sim.clock.now() + grace * 1000), deletionGracePeriodSeconds: grace };
  return { ...p, metadata: { ...meta, resourceVersion: String(Number(meta.resourceVersion) + 1000) } };
}

describe('PodLifecycle', () => {
  it('takes an nginx pod from binding to Ready with two status writes and the kubelet events', async () => {
    const h = harness();
    h.observe(pod('web', { name: 'nginx' }));
    await h.sim.runUntilIdle(60_000);
    expect(h.log).toEqual([
      '0.063 PATCH status Pending ready=False ip=- nginx=ContainerCreating',
      '0.908 event Pulling: Pulling image "nginx:1.25"',
      '3.230 event Pulled: Successfully pulled image "nginx:1.25" in 2.322s (2.322s including waiting). Image size: 66364273 bytes.',
      '3.494 PATCH status Running ready=True ip=10.244.1.2 nginx=Running/ready',
      '3.494 event Created: Created container: nginx',
      '3.494 event Started: Started container nginx',
    ]);
    const patch = h.transport.requests.find((r) => r.path.endsWith('/status'))!;
    expect(patch.path).toBe('/api/v1/namespaces/default/pods/web/status');
    expect(patch.contentType).toBe('application/merge-patch+json');
  });

  it('terminates gracefully: Killing, terminated status, then DELETE with grace 0 and the uid', async () => {
    const h = harness();
    const p = pod('web', { name: 'nginx' });
    h.observe(p);
    await h.sim.runUntilIdle(60_000);
    h.log.length = 0;
    h.observe(deleting(h, 'web'));
    await h.sim.runUntilIdle(60_000);
    expect(h.log).toEqual([
      '3.197 event Killing: Stopping container nginx',
      '3.347 PATCH status Succeeded ready=False ip=10.244.1.2 nginx=Terminated(0)',
      `3.347 DELETE /api/v1/namespaces/default/pods/web grace=0 {"uid":"${p.metadata!.uid}"}`,
    ]);
  });

  it('waits out the whole grace period for a sleep that ignores SIGTERM and reports exit code 137', async () => {
    const h = harness();
    const p = pod('sleeper', { image: 'busybox:1.36', command: ['sleep', '3600'] }, { terminationGracePeriodSeconds: 10 });
    h.observe(p);
    await h.sim.runUntilIdle(60_000);
    const deletedAt = h.sim.clock.now();
    h.log.length = 0;
    h.observe(deleting(h, 'sleeper'));
    await h.sim.runUntilIdle(60_000);
    expect(h.log.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'event Killing: Stopping container app',
      'PATCH status Failed ready=False ip=10.244.1.2 app=Terminated(137)',
      expect.stringMatching(/^DELETE .*sleeper grace=0/),
    ]);
    const deleteAt = Number(h.log[2].split(' ')[0]) * 1000 + Date.UTC(2025, 0, 1);
    expect(deleteAt - deletedAt).toBeGreaterThanOrEqual(10_000);
    expect(deleteAt - deletedAt).toBeLessThan(10_200);
  });

  it('reuses a pulled image on the node: "already present" for the next pod', async () => {
    const h = harness();
    h.observe(pod('a', {}));
    await h.sim.runUntilIdle(60_000);
    h.log.length = 0;
    h.observe(pod('b', {}));
    await h.sim.runUntilIdle(60_000);
    expect(h.log.filter((l) => l.includes('event Pull')).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'event Pulled: Container image "nginx:1.25" already present on machine',
    ]);
    expect(h.lifecycle.pulledImages().map((i) => i.names[1])).toEqual(['docker.io/library/nginx:1.25']);
  });

  it('backs off a missing image: ErrImagePull, ImagePullBackOff, and a retry after 10s', async () => {
    const h = harness();
    h.observe(pod('bad', { image: 'nginx:1.161' }));
    await h.sim.runUntilIdle(20_000);
    const lines = h.log.map((l) => l.replace(/^\S+ /, ''));
    const notFound = expect.stringMatching(/^event Failed: Failed to pull image "nginx:1\.161": rpc error: code = NotFound desc = .*: not found/);
    // Events go through the recorder's queue, so a status written at the same instant comes first.
    expect(lines).toEqual([
      'PATCH status Pending ready=False ip=- app=ContainerCreating',
      'event Pulling: Pulling image "nginx:1.161"',
      'PATCH status Pending ready=False ip=10.244.1.2 app=ErrImagePull',
      notFound,
      'event Failed: Error: ErrImagePull',
      'PATCH status Pending ready=False ip=10.244.1.2 app=ImagePullBackOff',
      'event BackOff: Back-off pulling image "nginx:1.161"',
      'event Failed: Error: ImagePullBackOff',
      'event Pulling: Pulling image "nginx:1.161" (x2)',
      'PATCH status Pending ready=False ip=10.244.1.2 app=ErrImagePull',
      expect.stringMatching(/: not found \(x2\)$/),
      'event Failed: Error: ErrImagePull (x2)',
      'PATCH status Pending ready=False ip=10.244.1.2 app=ImagePullBackOff',
      'event BackOff: Back-off pulling image "nginx:1.161" (x2)',
      'event Failed: Error: ImagePullBackOff (x2)',
    ]);
    const time = (i: number) => Number(h.log[i].split(' ')[0]);
    // The first retry comes 10s after the back-off began.
    expect(time(8) - time(5)).toBeGreaterThanOrEqual(10);
    expect(time(8) - time(5)).toBeLessThan(10.2);
  });

  it('crash-loops a container that exits 1: restart at once, then back-off 10s and 20s', async () => {
    const h = harness();
    h.observe(pod('crasher', { image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }));
    await h.sim.runUntilIdle(45_000);
    const statuses = h.log.filter((l) => l.includes('PATCH')).map((l) => l.replace(/^\S+ PATCH status /, ''));
    // A container that exits right after starting is reported once, terminated: one sync, one write.
    expect(statuses).toEqual([
      'Pending ready=False ip=- app=ContainerCreating',
      'Running ready=False ip=10.244.1.2 app=Terminated(1)',
      'Running ready=False ip=10.244.1.2 app=Terminated(1)/restarts=1',
      'Running ready=False ip=10.244.1.2 app=CrashLoopBackOff/restarts=1',
      'Running ready=False ip=10.244.1.2 app=Terminated(1)/restarts=2',
      'Running ready=False ip=10.244.1.2 app=CrashLoopBackOff/restarts=2',
      'Running ready=False ip=10.244.1.2 app=Terminated(1)/restarts=3',
      'Running ready=False ip=10.244.1.2 app=CrashLoopBackOff/restarts=3',
    ]);
    const starts = h.log.filter((l) => l.includes('event Started')).map((l) => Number(l.split(' ')[0]));
    const backOffs = h.log.filter((l) => l.includes('event BackOff')).map((l) => Number(l.split(' ')[0]));
    expect(backOffs).toHaveLength(3);
    // Back-off 10s after the second exit, 20s after the third.
    expect(starts[2] - backOffs[0]).toBeCloseTo(10, 0);
    expect(starts[3] - backOffs[1]).toBeCloseTo(20, 0);
    expect(h.log.find((l) => l.includes('event BackOff'))).toMatch(
      /Back-off restarting failed container app in pod crasher_default\(uid-crasher-\d+\)$/,
    );
  });

  it('keeps a container unready while its readiness probe gets 404, reporting Unhealthy every period', async () => {
    const h = harness();
    h.observe(pod('web', { name: 'nginx', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 } }));
    await h.sim.runUntilIdle(30_000);
    const statuses = h.log.filter((l) => l.includes('PATCH')).map((l) => l.replace(/^\S+ PATCH status /, ''));
    expect(statuses.at(-1)).toBe('Running ready=False ip=10.244.1.2 nginx=Running');
    const unhealthy = h.log.filter((l) => l.includes('Unhealthy'));
    expect(unhealthy[0]).toMatch(/event Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404$/);
    // One Event, counted on at each later failure (5 s apart).
    expect(unhealthy.slice(1).every((l) => / \(x\d+\)$/.test(l))).toBe(true);
    expect(unhealthy.length).toBeGreaterThanOrEqual(4);
    expect(h.log.some((l) => l.includes('Killing'))).toBe(false);
  });

  it('makes a container ready once its readiness probe reaches a page the server has', async () => {
    const h = harness();
    h.observe(pod('web', { name: 'nginx', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 2 } }));
    await h.sim.runUntilIdle(30_000);
    expect(h.log.filter((l) => l.includes('PATCH')).at(-1)).toMatch(/Running ready=True ip=10.244.1.2 nginx=Running\/ready$/);
    expect(h.log.some((l) => l.includes('Unhealthy'))).toBe(false);
  });

  it('kills and restarts a container after three failed liveness probes, into CrashLoopBackOff', async () => {
    const h = harness();
    h.observe(pod('web', { name: 'nginx', livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 3, periodSeconds: 5 } }));
    await h.sim.runUntilIdle(120_000);
    const events = h.log.filter((l) => l.includes(' event '));
    expect(events.find((l) => l.includes('Unhealthy'))).toMatch(/event Unhealthy: Liveness probe failed: dial tcp 10\.244\.1\.2:8080: connect: connection refused$/);
    const kills = events.filter((l) => l.includes('Killing: Container nginx failed liveness probe, will be restarted'));
    expect(kills.length).toBeGreaterThanOrEqual(2);
    const started = Number(events.find((l) => l.includes('event Started'))!.split(' ')[0]);
    // Probes 3, 8 and 13 s after the start (its startedAt, to the second); the third failure kills.
    const killedAfter = Number(kills[0].split(' ')[0]) - started;
    expect(killedAfter).toBeGreaterThan(12);
    expect(killedAfter).toBeLessThan(14);
    const statuses = h.log.filter((l) => l.includes('PATCH')).map((l) => l.replace(/^\S+ PATCH status /, ''));
    // nginx exits 0 on its stop signal: the killed run is Completed, and the pod stays Running while it restarts.
    expect(statuses).toContain('Running ready=False ip=10.244.1.2 nginx=Terminated(0)');
    expect(statuses.some((s) => s.includes('nginx=CrashLoopBackOff/restarts='))).toBe(true);
  });

  it('runs the liveness exec example of the Kubernetes docs: healthy for 30 s, then three failed cats and a restart', async () => {
    const h = harness();
    h.observe(
      pod('liveness-exec', {
        name: 'liveness',
        image: 'registry.k8s.io/busybox',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      }),
    );
    await h.sim.runUntilIdle(120_000);
    const events = h.log.filter((l) => l.includes(' event '));
    const started = Number(events.find((l) => l.includes('event Started'))!.split(' ')[0]);
    const failed = events.filter((l) => l.includes('Unhealthy'));
    expect(failed[0]).toMatch(/event Unhealthy: Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory\n$/);
    // Probes run every 5 s from 5 s into the run; the one at 30 s finds the file removed.
    expect(Number(failed[0].split(' ')[0]) - started).toBeCloseTo(30, 0);
    const kill = events.find((l) => l.includes('Killing'))!;
    expect(kill).toMatch(/event Killing: Container liveness failed liveness probe, will be restarted$/);
    expect(Number(kill.split(' ')[0]) - started).toBeCloseTo(40, 0);
    // A shell as PID 1 ignores SIGTERM: it is killed at the end of the 30 s grace period, exit code 137.
    const terminated = h.log.find((l) => l.includes('PATCH status Running ready=False ip=10.244.1.2 liveness=Terminated(137)'))!;
    expect(Number(terminated.split(' ')[0]) - Number(kill.split(' ')[0])).toBeCloseTo(30, 0);
    // Restarted at once (the first restart is not backed off), to be healthy for another 30 s.
    expect(h.log.some((l) => /PATCH status Running ready=True ip=10\.244\.1\.2 liveness=Running\/ready\/restarts=1$/.test(l))).toBe(true);
  });

  it('runs the liveness HTTP example of the Kubernetes docs: agnhost liveness answers 500 after 10 s, and the third failure restarts it', async () => {
    const h = harness();
    h.observe(
      pod('liveness-http', {
        name: 'liveness',
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
        args: ['liveness'],
        livenessProbe: { httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }] }, initialDelaySeconds: 3, periodSeconds: 3 },
      }),
    );
    await h.sim.runUntilIdle(60_000);
    const events = h.log.filter((l) => l.includes(' event '));
    const started = Number(events.find((l) => l.includes('event Started'))!.split(' ')[0]);
    const failed = events.filter((l) => l.includes('Unhealthy'));
    expect(failed[0]).toMatch(/event Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500$/);
    // Probes at 3, 6 and 9 s pass; those at 12, 15 and 18 s fail, and the third kills.
    expect(Number(failed[0].split(' ')[0]) - started).toBeCloseTo(12, 0);
    const kill = events.find((l) => l.includes('Killing'))!;
    expect(kill).toMatch(/event Killing: Container liveness failed liveness probe, will be restarted$/);
    expect(Number(kill.split(' ')[0]) - started).toBeCloseTo(18, 0);
    expect(h.log.some((l) => /liveness=Running\/ready\/restarts=1$/.test(l))).toBe(true);
  });

  it('turns a container ready and unready as the file its exec readiness probe reads comes and goes', async () => {
    const h = harness();
    h.observe(
      pod('ready-exec', {
        name: 'app',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'sleep 10; touch /tmp/ready; sleep 20; rm /tmp/ready; sleep 3600'],
        readinessProbe: { exec: { command: ['test', '-f', '/tmp/ready'] }, periodSeconds: 5 },
      }),
    );
    await h.sim.runUntilIdle(60_000);
    const readiness = h.log.filter((l) => l.includes('PATCH')).map((l) => /ready=(\w+)/.exec(l)![1]);
    expect(readiness.slice(-3)).toEqual(['False', 'True', 'False']);
    // test -f prints nothing: the event says the probe failed, with no output.
    expect(h.log.find((l) => l.includes('Unhealthy'))).toMatch(/event Unhealthy: Readiness probe failed: $/);
  });

  it('runs a Job pod to Succeeded and frees its IP for later pods', async () => {
    const h = harness();
    h.observe(pod('pi', { image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }, { restartPolicy: 'Never' }));
    await h.sim.runUntilIdle(120_000);
    const last = h.log.filter((l) => l.includes('PATCH')).pop()!;
    expect(last).toMatch(/PATCH status Succeeded ready=False ip=10\.244\.1\.2 app=Terminated\(0\)$/);
    h.observe(pod('next', {}));
    await h.sim.runUntilIdle(60_000);
    // Sequential allocation moves on rather than handing the freed address straight back.
    expect(h.log.filter((l) => l.includes('PATCH')).pop()).toContain('ip=10.244.1.3');
  });

  it('never hands out an address still in use', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.observe(pod(`p${i}`, {}));
    await h.sim.runUntilIdle(60_000);
    const ips = h.log.filter((l) => l.includes('Running')).map((l) => /ip=(\S+)/.exec(l)![1]);
    expect(new Set(ips).size).toBe(5);
  });

  it('runs init containers first, in order', async () => {
    const h = harness();
    h.observe(
      pod('init', { image: 'busybox:1.36', command: ['sh', '-c', 'echo app; sleep 3600'] }, {
        initContainers: [
          { name: 'first', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] },
          { name: 'second', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] },
        ],
      }),
    );
    await h.sim.runUntilIdle(60_000);
    expect(h.log.filter((l) => l.includes('Started')).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'event Started: Started container first',
      'event Started: Started container second',
      'event Started: Started container app',
    ]);
    expect(h.log.filter((l) => l.includes('PATCH')).pop()).toContain('Running ready=True');
  });

  it('posts its view again when someone else marks the pod not ready', async () => {
    const h = harness();
    h.observe(pod('web', {}));
    await h.sim.runUntilIdle(60_000);
    h.log.length = 0;
    const current = h.api.get('web')!;
    const conditions = current.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
    h.observe({ ...current, metadata: { ...current.metadata, resourceVersion: '900' }, status: { ...current.status, conditions } });
    await h.sim.runUntilIdle(60_000);
    expect(h.log.map((l) => l.replace(/^\S+ /, ''))).toEqual(['PATCH status Running ready=True ip=10.244.1.2 app=Running/ready']);
  });

  it('stops all work when stopped', async () => {
    const h = harness();
    h.observe(pod('web', {}));
    h.lifecycle.stop();
    await h.sim.runUntilIdle(60_000);
    expect(h.log).toEqual([]);
    expect(h.sim.timers.pending).toBe(0);
  });

  it('picks up running pods after a kubelet restart without writing their status again', async () => {
    const h = harness();
    h.observe(pod('web', {}));
    await h.sim.runUntilIdle(60_000);
    const restarted = harness();
    restarted.observe(h.api.get('web')!);
    await restarted.sim.runUntilIdle(60_000);
    expect(restarted.log).toEqual([]);
    // The address stays reserved: the next pod gets another one.
    restarted.observe(pod('next', {}));
    await restarted.sim.runUntilIdle(60_000);
    expect(restarted.log.filter((l) => l.includes('PATCH')).pop()).toContain('ip=10.244.1.3');
  });

  it('does not retry a status the API rejects as invalid', async () => {
    const h = harness();
    const respond = h.transport.respond!;
    h.transport.respond = (req) =>
      req.path.endsWith('/status')
        ? { status: 422, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422, message: 'invalid' } }
        : respond(req);
    h.observe(pod('web', {}));
    await h.sim.runUntilIdle(600_000);
    expect(h.transport.requests.filter((r) => r.path.endsWith('/status'))).toHaveLength(2);
  });
});
