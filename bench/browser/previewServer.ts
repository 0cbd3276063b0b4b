import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** PreviewServer is a production build of the page served by `vite preview`. */
export interface PreviewServer {
  url: string;
  stop(): void;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function waitUntilServing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (Date.now() > deadline) throw new Error(`vite preview did not answer on ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * startPreview builds the page (what users download, not the dev server's unbundled modules) and
 * serves it on port, so the browser figures measure the shipped bundle.
 */
export async function startPreview(port: number): Promise<PreviewServer> {
  const url = `http://127.0.0.1:${port}`;
  // Another server on the port would be measured in place of this build.
  if (await answers(url)) throw new Error(`port ${port} is already in use: stop whatever serves ${url} and run again`);
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
  const child = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    // npx starts vite as a child: end the whole process group, unless it has ended already.
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  try {
    await waitUntilServing(url, 30_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}
