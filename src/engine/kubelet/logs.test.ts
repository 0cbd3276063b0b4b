import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { formatTime, SimEpoch } from '../sim/clock';
import { containerLogLines, logUnavailableReason } from './logs';

const t0 = SimEpoch;
const at = (s: number) => formatTime(t0 + s * 1000);

function pod(container: Partial<Container>, status: Partial<ContainerStatus>, extra: Partial<Pod['spec']> = {}): Pod {
  return {
    metadata: { name: 'web-abc', namespace: 'default', uid: 'u-1' },
    spec: { nodeName: 'worker-1', containers: [{ name: 'nginx', image: 'nginx:1.25', ...container }], ...extra },
    status: {
      podIP: '10.244.1.5',
      containerStatuses: [{ name: container.name ?? 'nginx', image: 'nginx:1.25', imageID: '', ready: true, restartCount: 0, ...status }],
    },
  };
}

const running = (startS = 0) => ({ state: { running: { startedAt: at(startS) } } });
const text = (lines: { line: string }[]) => lines.map((l) => l.line);

describe('containerLogLines', () => {
  const nginx = pod({}, running());

  it('starts with a line saying the output is simulated, then nginx starts up', () => {
    const lines = text(containerLogLines(nginx, 'nginx', false, 0, t0 + 10_000));
    expect(lines[0]).toBe('[kube-playground] simulated container output: image nginx:1.25, command none — no real process runs');
    expect(lines[1]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines.some((l) => /^2025\/01\/01 00:00:00 \[notice\] 1#1: nginx\/1\.25\.\d$/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toBe('2025/01/01 00:00:00 [notice] 1#1: start worker process 32');
  });

  it('logs a request a minute, and kube-probe requests when probes are set', () => {
    const quiet = containerLogLines(nginx, 'nginx', false, t0 + 1000, t0 + 181_000);
    expect(text(quiet)).toHaveLength(3);
    expect(quiet[0].line).toMatch(/^10\.244\.0\.\d+ - - \[01\/Jan\/2025:00:01:00 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.11\.1" "-"$/);
    const probed = pod({ readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }, running());
    const lines = text(containerLogLines(probed, 'nginx', false, t0 + 1000, t0 + 31_000));
    expect(lines).toEqual([
      '10.244.1.1 - - [01/Jan/2025:00:00:10 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
      '10.244.1.1 - - [01/Jan/2025:00:00:20 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
      '10.244.1.1 - - [01/Jan/2025:00:00:30 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
    ]);
  });

  it('logs a probe of a page nginx does not have as 404, and none of a port it does not listen on', () => {
    const missing = pod({ livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 } }, running());
    expect(text(containerLogLines(missing, 'nginx', false, t0 + 1000, t0 + 11_000))).toEqual([
      '10.244.1.1 - - [01/Jan/2025:00:00:10 +0000] "GET /healthz HTTP/1.1" 404 153 "-" "kube-probe/1.32" "-"',
    ]);
    const elsewhere = pod({ livenessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 10 } }, running());
    expect(text(containerLogLines(elsewhere, 'nginx', false, t0 + 1000, t0 + 31_000))).toEqual([]);
  });

  it.each([5_000, 60_000, 61_500, 599_999])('gives a follow split at %i ms the same lines as one full read', (split) => {
    const end = t0 + 600_000;
    const all = containerLogLines(nginx, 'nginx', false, 0, end);
    const followed = [...containerLogLines(nginx, 'nginx', false, 0, t0 + split), ...containerLogLines(nginx, 'nginx', false, t0 + split, end)];
    expect(followed).toEqual(all);
  });

  it('agrees with --since: a window is the full read filtered by time', () => {
    const all = containerLogLines(nginx, 'nginx', false, 0, t0 + 600_000);
    const since = containerLogLines(nginx, 'nginx', false, t0 + 300_000, t0 + 600_000);
    expect(since).toEqual(all.filter((l) => l.timeMs >= t0 + 300_000));
    expect(since.length).toBeGreaterThan(0);
  });

  it('counts like the logging docs counter pod, also deep into its life', () => {
    const counter = pod(
      { name: 'count', image: 'busybox:1.28', args: ['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] },
      running(),
    );
    const first = text(containerLogLines(counter, 'count', false, 0, t0 + 2500));
    expect(first).toEqual([
      '[kube-playground] simulated container output: image busybox:1.28, command /bin/sh -c i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done — no real process runs',
      '0: Wed Jan  1 00:00:00 UTC 2025',
      '1: Wed Jan  1 00:00:01 UTC 2025',
      '2: Wed Jan  1 00:00:02 UTC 2025',
    ]);
    const later = text(containerLogLines(counter, 'count', false, t0 + 86_400_000, t0 + 86_402_000));
    expect(later).toEqual(['86400: Thu Jan  2 00:00:00 UTC 2025', '86401: Thu Jan  2 00:00:01 UTC 2025']);
  });

  // bpi(2000) runs 7 to 8 s. Started at 0.9 s and done at 7.9 s, the status reads 0 s and 7 s:
  // timestamps keep whole seconds, and the last line must not fall out of the shorter run.
  it.each([8, 7])('prints a Job pod\'s output and nothing after it ended (finishedAt %i s)', (finished) => {
    const job = pod(
      { name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] },
      { state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(0), finishedAt: at(finished), containerID: 'containerd://x' } } },
    );
    const lines = text(containerLogLines(job, 'pi', false, 0, t0 + 3_600_000));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^3\.14159265358979323846264338327950288419716939937510/);
    expect(lines[1]).toHaveLength(2001);
    // The Feynman point: six 9s from the 762nd decimal place.
    expect(lines[1].slice(763, 769)).toBe('999999');
  });

  it('reads the previous attempt of a crash-looping container', () => {
    const crashing = pod(
      { image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 2; echo failed; exit 1'] },
      {
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: at(100), finishedAt: at(102), containerID: 'containerd://y' } },
      },
    );
    const previous = containerLogLines(crashing, 'nginx', true, 0, t0 + 1_000_000);
    expect(text(previous).slice(1)).toEqual(['starting', 'failed']);
    expect(previous[2].timeMs).toBe(t0 + 102_000);
    // While it waits to restart, the current logs are those of the last attempt too.
    expect(containerLogLines(crashing, 'nginx', false, 0, t0 + 1_000_000)).toEqual(previous);
  });

  it('ends nginx with its graceful shutdown when it was stopped', () => {
    const stopped = pod({}, { state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(0), finishedAt: at(30), containerID: 'containerd://z' } } });
    const lines = text(containerLogLines(stopped, 'nginx', false, t0 + 29_000, t0 + 100_000));
    expect(lines[0]).toBe('2025/01/01 00:00:29 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down');
    expect(lines[lines.length - 1]).toBe('2025/01/01 00:00:30 [notice] 1#1: exit');
  });

  it('shows the postgres image refusing to start without a password', () => {
    const pg = pod({ name: 'db', image: 'postgres:17' }, running());
    expect(text(containerLogLines(pg, 'db', false, 0, t0 + 1000))[1]).toBe(
      'Error: Database is uninitialized and superuser password is not specified.',
    );
  });
});

describe('logUnavailableReason', () => {
  const waiting = (reason: string) => ({ state: { waiting: { reason } } });
  it.each([
    ['a creating container', waiting('ContainerCreating'), false, 'container "nginx" in pod "web-abc" is waiting to start: ContainerCreating'],
    ['an image that cannot be pulled', waiting('ErrImagePull'), false, 'container "nginx" in pod "web-abc" is waiting to start: image can\'t be pulled'],
    ['an image in back-off', waiting('ImagePullBackOff'), false, 'container "nginx" in pod "web-abc" is waiting to start: trying and failing to pull image'],
    ['--previous without a previous attempt', running(), true, 'previous terminated container "nginx" in pod "web-abc" not found'],
    ['a running container', running(), false, undefined],
  ])('explains %s', (_name, status, previous, want) => {
    expect(logUnavailableReason(pod({}, status), 'nginx', previous)).toBe(want);
  });

  it('rejects a container the pod does not have', () => {
    expect(logUnavailableReason(pod({}, running()), 'foo', false)).toBe('container foo is not valid for pod web-abc');
  });
});
