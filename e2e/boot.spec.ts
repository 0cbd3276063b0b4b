import { expect, test } from '@playwright/test';

test('the engine boots in a Web Worker and the page lists nodes and pods live', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?speed=10');

  const nodes = page.locator('[data-kind="Node"]');
  await expect(nodes).toHaveCount(4);
  await expect(page.locator('[data-kind="Node"][data-status="Ready"]')).toHaveCount(4);
  await expect(page.locator('[data-kind="Node"][data-name="control-plane"]')).toBeVisible();

  await page.getByRole('button', { name: 'Create deployment' }).click();
  await expect(page.getByText('deployment.apps/web created')).toBeVisible();
  const webPods = page.locator('[data-kind="Pod"][data-namespace="default"][data-name^="web-"]');
  await expect(webPods).toHaveCount(3);
  await expect(page.locator('[data-kind="Pod"][data-name^="web-"][data-phase="Running"]')).toHaveCount(3, { timeout: 30_000 });
  for (const node of await webPods.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node')))) {
    expect(node).toMatch(/^worker-\d+$/);
  }
  expect(errors).toEqual([]);
});
