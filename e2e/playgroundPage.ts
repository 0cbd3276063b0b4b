import { expect, type Page } from '@playwright/test';

/** openPlayground loads the page, fails the test on any console error, and waits for the default cluster. */
export async function openPlayground(page: Page, query = 'speed=10'): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?${query}`);
  await expect(page.locator('.react-flow [data-kind="Node"][data-status="Ready"]')).toHaveCount(4, { timeout: 30_000 });
  return errors;
}

/** applyYaml replaces the editor's text with yaml and applies it with Ctrl+Enter, as a person would. */
export async function applyYaml(page: Page, yaml: string): Promise<void> {
  await page.getByRole('tab', { name: 'YAML editor' }).click();
  const editor = page.getByTestId('yaml-editor');
  await expect(editor.locator('.view-lines')).toBeVisible({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(yaml);
  await page.keyboard.press('ControlOrMeta+Enter');
}

/** clock reads the simulated clock the header shows. */
export async function clock(page: Page): Promise<{ now: number; paused: boolean; speed: number }> {
  const el = page.getByTestId('sim-clock');
  return {
    now: Date.parse((await el.getAttribute('data-now')) ?? ''),
    paused: (await el.getAttribute('data-paused')) === 'true',
    speed: Number(await el.getAttribute('data-speed')),
  };
}

/** canvas scopes selectors to the React Flow canvas (the inspector carries data-kind too). */
export const canvas = (selector: string) => `.react-flow ${selector}`;

/**
 * dragPaletteItem drags a palette item onto an empty corner of the canvas with the mouse, as a
 * person does (locator.dragTo scrolls between press and release, which lands on the wrong item).
 */
export async function dragPaletteItem(page: Page, kind: string): Promise<void> {
  const source = (await page.locator(`[data-palette-kind="${kind}"]`).boundingBox())!;
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(pane.x + 30, pane.y + pane.height - 30, { steps: 5 });
  await page.mouse.up();
}
