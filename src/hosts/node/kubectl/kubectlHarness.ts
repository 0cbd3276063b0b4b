import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiserver } from '../apiserverMain';

/** kubectlPath is the real kubectl to drive the server with, or undefined where none is installed. */
export const kubectlPath: string | undefined = (() => {
  const r = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  return r.status === 0 ? 'kubectl' : undefined;
})();

/** KubectlResult is one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Harness is a headless API server on a free port plus a kubectl bound to it. */
export interface Harness {
  url: string;
  /** caFile holds the cluster CA under --tls, for a kubectl that brings other credentials than the kubeconfig's. */
  caFile?: string;
  /** kubectl runs kubectl against the server: with --tls, through the kubeconfig the server wrote (the admin's client certificate). */
  kubectl(args: string[], stdin?: string): Promise<KubectlResult>;
  /** run runs kubectl and returns its stdout, throwing with its stderr when it fails. */
  run(...args: string[]): Promise<string>;
  advance(seconds: number): Promise<void>;
  /** until advances simulated time five seconds at a time until check passes, or throws after maxSeconds. */
  until(check: () => Promise<boolean>, maxSeconds?: number): Promise<void>;
  close(): Promise<void>;
}

/** startHarness boots the headless server (paused clock: tests move time) and an isolated kubectl cache. */
export async function startHarness(extraArgs: string[] = []): Promise<Harness> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  const tls = extraArgs.includes('--tls');
  const kubeconfig = join(cacheDir, 'kubeconfig');
  const server = await startApiserver(['--port', '0', '--speed', '0', ...(tls ? ['--kubeconfig', kubeconfig] : []), ...extraArgs]);
  const caFile = server.certs ? join(cacheDir, 'ca.crt') : undefined;
  if (caFile && server.certs) writeFileSync(caFile, server.certs.caCert);
  const target = tls ? ['--kubeconfig', kubeconfig] : ['--server', server.url];
  const kubectl = (args: string[], stdin?: string) =>
    new Promise<KubectlResult>((resolve) => {
      const child = execFile(
        kubectlPath ?? 'kubectl',
        [...target, '--cache-dir', cacheDir, ...args],
        { env: { ...process.env, KUBECONFIG: '/dev/null' }, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
    });
  const advance = async (seconds: number) => {
    await server.runner.advance(seconds);
  };
  return {
    url: server.url,
    caFile,
    kubectl,
    run: async (...args) => {
      const r = await kubectl(args);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return r.stdout;
    },
    advance,
    until: async (check, maxSeconds = 300) => {
      for (let t = 0; t < maxSeconds; t += 5) {
        if (await check()) return;
        await advance(5);
      }
      throw new Error('condition not reached in simulated time');
    },
    close: async () => {
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
