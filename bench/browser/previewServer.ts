import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** PreviewServer is a production build of the page served by `vite preview`. */
export interface PreviewServer {
  url: string;
  stop(): void;
}

async function waitUntilServing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`vite preview did not answer on ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * startPreview builds the page (what users download, not the dev server's unbundled modules) and
 * serves it on port, so the browser figures measure the shipped bundle.
 */
export async function startPreview(port: number): Promise<PreviewServer> {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
  const child = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    // npx starts vite as a child: end the whole process group.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(url, 30_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}
