import { describe, expect, it } from 'vitest';
import { shellProgram } from './shell';
import type { ProgramContext } from './types';

const ctx: ProgramContext = {
  podName: 'box',
  podIP: '10.244.1.9',
  env: { GREETING: 'hi' },
  files: { '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'default', '/etc/config/SPECIAL_LEVEL': 'very', '/etc/config/game.properties': 'lives=3\nenemies=aliens\n' },
  startMs: 0,
  image: 'busybox:1.36',
  mounts: [],
  resolvesAt: () => -Infinity,
  serviceAddress: () => undefined,
  probes: [],
  seed: 's',
};
const sh = (script: string) => shellProgram(['sh', '-c', script], ctx);
const output = (script: string, toMs = 60_000) => {
  const out: { timeMs: number; line: string }[] = [];
  sh(script).output({ startMs: 0, endMs: Infinity, signalled: false }, 0, toMs, out);
  return out.map((l) => `${l.timeMs} ${l.line}`);
};

describe('shellProgram', () => {
  it.each([
    ['echo hello', 0, 0],
    ['sleep 5', 5000, 0],
    ['echo start; sleep 2; exit 3', 2000, 3],
    ['sleep 1 && false', 1000, 1],
    ['for i in 1 2 3; do echo $i; sleep 1; done', 3000, 0],
    ['while true; do sleep 10; done', Infinity, 0],
    ['until nslookup myservice; do echo waiting; sleep 2; done', 50, 0],
    ['sleep infinity', Infinity, 0],
  ])('runs %j for %d ms and exits %d', (script, ms, code) => {
    const p = sh(script);
    expect(p.runMs).toBe(ms);
    expect(p.exitCode).toBe(code);
  });

  it('prints the variables printenv names, in that order, skipping unset ones', () => {
    expect(output('printenv GREETING NOPE HOSTNAME')).toEqual(['0 hi', '0 box']);
  });

  it('reads backslash escapes with echo -e and prints nothing more for -n', () => {
    expect(output("echo -en '\\n'; echo -e 'a\\tb\\nc'; echo 'd\\n'; printf ''")).toEqual(['0 ', '0 a\tb', '0 c', '0 d\\n']);
  });

  it('prints and lists the files of ConfigMap and Secret mounts, and nothing for a file it does not know', () => {
    expect(output('ls /etc/config/; cat /etc/config/game.properties /tmp/unknown; echo "level=$(cat /etc/config/SPECIAL_LEVEL)"')).toEqual([
      '0 SPECIAL_LEVEL',
      '0 game.properties',
      '0 lives=3',
      '0 enemies=aliens',
      '0 level=very',
    ]);
    expect(output('cat /etc/config/SPECIAL_LEVEL > /tmp/copy')).toEqual([]);
  });

  it('waits in an until-nslookup loop until the Service resolves, round by round, and forever without it', () => {
    const script = 'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done; echo ready';
    const name = 'myservice.default.svc.cluster.local';
    // busybox 1.28, as the docs' init container example pins it, prints its own nslookup layout.
    const at = (resolvesAtMs: number) =>
      shellProgram(['sh', '-c', script], {
        ...ctx,
        image: 'busybox:1.28',
        resolvesAt: (n) => (n === name ? resolvesAtMs : -Infinity),
        serviceAddress: (n) => (n === name ? { fqdn: name, ip: '10.96.7.7' } : undefined),
      });
    // Rounds of 50 ms (the lookup) + 2 s: three fail before 5 s, the fourth lookup succeeds.
    const waiting = at(5000);
    expect(waiting.runMs).toBe(3 * 2050 + 50);
    expect(waiting.awaits).toEqual(['myservice.default.svc.cluster.local']);
    const out: { timeMs: number; line: string }[] = [];
    waiting.output({ startMs: 0, endMs: waiting.runMs, signalled: false }, 0, 60_000, out);
    const server = ['Server:    10.96.0.10', 'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local', ''];
    const failed = (t: number) => [...server, `nslookup: can't resolve '${name}'`, 'waiting for myservice'].map((l) => `${t} ${l}`);
    expect(out.map((l) => `${l.timeMs} ${l.line}`)).toEqual([
      ...failed(50),
      ...failed(2100),
      ...failed(4150),
      ...[...server, `Name:      ${name}`, `Address 1: 10.96.7.7 ${name}`, 'ready'].map((l) => `6200 ${l}`),
    ]);
    expect(at(Infinity).runMs).toBe(Infinity);
    expect(at(-Infinity).runMs).toBe(50);
  });

  it('reads the pod namespace from the service account volume', () => {
    expect(output('echo "ns: $(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)"')).toEqual(['0 ns: default']);
  });

  it('prints what the script echoes, expanding variables, hostname and loop items', () => {
    expect(output('echo "$GREETING from $(hostname)"; for x in a b; do echo "item $x"; sleep 1; done; printf "%s=%s\\n" k v')).toEqual([
      '0 hi from box',
      '0 item a',
      '1000 item b',
      '2000 k=v',
    ]);
  });

  it('keeps endless loops to the asked window', () => {
    expect(output('while true; do echo tick; sleep 5; done', 12_000)).toEqual(['0 tick', '5000 tick', '10000 tick']);
  });

  it('ignores SIGTERM as PID 1 unless the script traps it', () => {
    expect(sh('sleep 3600').stopMs).toBe(Infinity);
    expect(sh("trap 'exit 0' TERM; while true; do sleep 1; done").stopMs).toBe(100);
  });

  it('runs a bare command without a shell', () => {
    const p = shellProgram(['echo', 'Hello', 'Kubernetes!'], ctx);
    const out: { timeMs: number; line: string }[] = [];
    p.output({ startMs: 0, endMs: 0, signalled: false }, 0, 1000, out);
    expect(out).toEqual([{ timeMs: 0, line: 'Hello Kubernetes!' }]);
  });
});

describe('exec in a scripted container', () => {
  const sh = (script: string, coreutils?: 'busybox' | 'gnu') => shellProgram(['sh', '-c', script], ctx, coreutils);

  it('sees the files the script touches, redirects to and removes, at each moment of its run', () => {
    const p = sh('echo ok > /tmp/a; sleep 10; rm -f /tmp/a; touch /tmp/b; sleep 3600');
    expect(p.exec!(['cat', '/tmp/a'], 5_000)).toEqual({ code: 0, output: '' });
    expect(p.exec!(['cat', '/tmp/a'], 11_000)).toEqual({ code: 1, output: "cat: can't open '/tmp/a': No such file or directory\n" });
    expect(p.exec!(['test', '-f', '/tmp/b'], 5_000)).toEqual({ code: 1, output: '' });
    expect(p.exec!(['sh', '-c', '[ -f /tmp/b ]'], 11_000)).toEqual({ code: 0, output: '' });
    // Output redirected to a file is not logged.
    const out: { line: string }[] = [];
    p.output({ startMs: 0, endMs: Infinity, signalled: false }, 0, 20_000, out as never);
    expect(out.map((l) => l.line)).not.toContain('ok');
  });

  it('words a missing file as the image\'s coreutils do, and leaves other commands and paths alone', () => {
    const p = sh('sleep 3600', 'gnu');
    expect(p.exec!(['cat', '/tmp/healthy'], 1_000)).toEqual({ code: 1, output: 'cat: /tmp/healthy: No such file or directory\n' });
    expect(p.exec!(['ls', '/tmp/healthy'], 1_000)).toEqual({ code: 1, output: "ls: cannot access '/tmp/healthy': No such file or directory\n" });
    expect(p.exec!(['cat', '/etc/hostname'], 1_000)).toEqual({ code: 0, output: '' });
    expect(p.exec!(['pg_isready'], 1_000)).toBeUndefined();
  });

  it('follows a file an endless loop keeps creating and removing', () => {
    const p = sh('while true; do touch /tmp/x; sleep 5; rm /tmp/x; sleep 5; done');
    expect([1_000, 6_000, 11_000, 16_000, 1_000_001, 1_006_000].map((t) => p.exec!(['cat', '/tmp/x'], t)!.code)).toEqual([0, 1, 0, 1, 0, 1]);
  });
});

describe('pipes', () => {
  const run = (script: string) => {
    const p = shellProgram(['sh', '-c', script], ctx);
    const out: { line: string }[] = [];
    p.output({ startMs: 0, endMs: p.runMs, signalled: false }, 0, p.runMs + 1, out as never);
    return out.map((l) => l.line);
  };

  it('sends output through grep, head, tail, wc -l, sort and uniq', () => {
    expect(run('printf "b\\na\\nc\\na\\n" | sort')).toEqual(['a', 'a', 'b', 'c']);
    expect(run('printf "b\\na\\nc\\na\\n" | sort -r | uniq | head -n 2')).toEqual(['c', 'b']);
    expect(run('printf "one\\ntwo\\nthree\\n" | grep -v o')).toEqual(['three']);
    expect(run('printf "One\\ntwo\\n" | grep -i one')).toEqual(['One']);
    expect(run('printf "x.y\\nxzy\\n" | grep -c "x.y"')).toEqual(['2']);
    expect(run('printf "1\\n2\\n3\\n" | tail -1')).toEqual(['3']);
    expect(run('env | grep GREETING | wc -l')).toEqual(['1']);
  });

  it('keeps a command it cannot simulate after a | out, leaving the output as it was', () => {
    expect(run('echo hi | tr a-z A-Z')).toEqual(['hi']);
  });
});
