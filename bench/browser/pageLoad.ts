import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';

/** ScriptTransfer sums the JavaScript a page downloads, gzip-compressed as a server would send it. */
export interface ScriptTransfer {
  mainKb: number;
  workerKb: number;
  files: number;
}

/**
 * recordScripts collects every JavaScript response the page (and its Workers) receives from now
 * on; stop() returns their gzip sizes. Preview serves files uncompressed, so gzip is applied here.
 */
export function recordScripts(page: Page): { stop: () => Promise<ScriptTransfer> } {
  const responses: Response[] = [];
  const onResponse = (r: Response) => {
    if (r.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(r.url())) responses.push(r);
  };
  page.context().on('response', onResponse);
  return {
    async stop() {
      page.context().off('response', onResponse);
      let main = 0;
      let worker = 0;
      const seen = new Set<string>();
      for (const r of responses) {
        if (seen.has(r.url())) continue;
        seen.add(r.url());
        const bytes = gzipSync(await r.body()).length;
        if (/worker/i.test(r.url())) worker += bytes;
        else main += bytes;
      }
      return { mainKb: main / 1024, workerKb: worker / 1024, files: seen.size };
    },
  };
}

/** drawnNodes is the selector for Nodes drawn on the canvas. */
export const drawnNodes = '.react-flow [data-kind="Node"]';

/**
 * waitForCanvas waits until the canvas draws count nodes (whatever their condition: readiness
 * follows the simulated clock) and returns the page's own clock at that moment: milliseconds
 * since navigation started.
 */
export async function waitForCanvas(page: Page, count: number, timeoutMs = 120_000): Promise<number> {
  const handle = await page.waitForFunction(
    ([selector, n]) => (document.querySelectorAll(selector).length >= n ? performance.now() : 0),
    [drawnNodes, count] as const,
    { timeout: timeoutMs, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}
