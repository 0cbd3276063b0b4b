import type { Browser } from '@playwright/test';
import { type Benchmark, type Figure, scaled } from '../stats';
import { launchChromium } from './chromium';
import { longTasks, observeLongTasks, panFrameRate } from './mainThread';
import { applyManifest, deploymentYaml, openEditor, waitForRunningPods } from './pageActions';
import { recordScripts, waitForCanvas } from './pageLoad';
import { startPreview } from './previewServer';

const port = 4199;

/** firstVisit measures what a first visit downloads and waits for, and how long the editor takes to open. */
async function firstVisit(browser: Browser, url: string): Promise<Figure[]> {
  const page = await browser.newPage();
  const scripts = recordScripts(page);
  await page.goto(`${url}/?speed=1`);
  const interactiveMs = await waitForCanvas(page, 4);
  const js = await scripts.stop();
  const editorMs = await openEditor(page);
  await page.close();
  return [
    {
      name: 'initial JS, page (gzip)',
      value: js.mainKb,
      unit: 'KB',
      target: { op: '<=', value: 200 },
      note: `main-thread scripts until the canvas is interactive, Monaco not loaded; the engine and kubelet Workers add ${js.workerKb.toFixed(0)} KB gzip (${js.files} files in all)`,
    },
    { name: 'time to interactive canvas', value: interactiveMs, unit: 'ms', note: 'navigation start to the 4 nodes drawn, production build, local server' },
    { name: 'editor click to usable editor', value: editorMs, unit: 'ms', note: 'first open: Monaco, its workers and the schema load lazily' },
  ];
}

/** rolloutLongTask applies a Deployment through the editor and records main-thread long tasks until all its pods run. */
async function rolloutLongTask(browser: Browser, url: string, replicas: number): Promise<Figure> {
  const page = await browser.newPage();
  await page.goto(`${url}/?workers=10&speed=20`);
  await waitForCanvas(page, 1);
  await openEditor(page);
  await applyManifest(page, deploymentYaml('rollout', replicas));
  // From the Deployment's creation on: the rollout, not typing into the editor.
  await observeLongTasks(page);
  await waitForRunningPods(page, replicas, 300_000);
  const tasks = await longTasks(page);
  await page.close();
  return {
    name: `longest main-thread task, ${replicas}-pod rollout`,
    value: Math.max(0, ...tasks),
    unit: 'ms',
    target: { op: '<=', value: 50 },
    note: `${tasks.length} long tasks (>50 ms) from created to all Running, 10 workers at 20× speed`,
  };
}

/** panning measures the frame rate while dragging the canvas of a large cluster. */
async function panning(browser: Browser, url: string, nodes: number, pods: number): Promise<Figure> {
  const page = await browser.newPage();
  await page.goto(`${url}/?workers=${nodes}&speed=50`);
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="cluster-summary"]')?.getAttribute('data-nodes-ready')) >= n, nodes + 1, {
    timeout: 300_000,
    polling: 500,
  });
  await openEditor(page);
  await applyManifest(page, deploymentYaml('pan', pods));
  await waitForRunningPods(page, pods, 600_000);
  await page.getByRole('tab', { name: 'Inspector' }).click();
  const fps = await panFrameRate(page, 4_000);
  await page.close();
  return {
    name: `pan frame rate, ${nodes} nodes / ${pods} pods`,
    value: fps,
    unit: 'fps',
    target: { op: '>=', value: 55 },
    note: 'requestAnimationFrame callbacks per second while dragging the fitted canvas, software rendering',
  };
}

/** browserFigures measures the production page in headless Chromium. */
export const browserFigures: Benchmark = async (scale) => {
  const preview = await startPreview(port);
  const browser = await launchChromium();
  try {
    return [
      ...(await firstVisit(browser, preview.url)),
      await rolloutLongTask(browser, preview.url, scaled(1_000, scale, 10)),
      await panning(browser, preview.url, scaled(500, scale, 2), scaled(5_000, scale, 10)),
    ];
  } finally {
    await browser.close();
    preview.stop();
  }
};
