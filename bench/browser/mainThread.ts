import type { Page } from '@playwright/test';

/** observeLongTasks starts recording the page's long tasks (> 50 ms, as the Long Tasks API defines them). */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

/** longTasks returns the durations recorded since observeLongTasks. */
export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** panFrameRate drags the canvas around for durationMs and returns the frames per second the page painted. */
export async function panFrameRate(page: Page, durationMs: number): Promise<number> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  // A string, not a function: tsx names functions with a helper that does not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => {
      if (!window.__counting) return;
      window.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const t0 = Date.now();
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; Date.now() - t0 < durationMs; i++) {
    // A slow circle: every step moves the view, as a hand panning does.
    const a = i / 20;
    await page.mouse.move(cx + Math.cos(a) * 200, cy + Math.sin(a) * 150);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  return frames / ((Date.now() - t0) / 1000);
}
