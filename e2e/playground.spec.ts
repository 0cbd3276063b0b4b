import { expect, test } from '@playwright/test';
import { webDeploymentAndService } from '../src/hosts/node/kubectl/testdata/webApp';
import { applyYaml, canvas, clock, dragPaletteItem, openPlayground } from './playgroundPage';

const webPods = canvas('[data-kind="Pod"][data-namespace="default"][data-name^="web-"]');
const runningWebPods = `${webPods}[data-phase="Running"]`;

test('a pasted Deployment and Service draw 3 Running pods on workers and the Service edges to them', async ({ page }) => {
  const errors = await openPlayground(page);
  await applyYaml(page, webDeploymentAndService);
  const results = page.getByRole('list', { name: 'Apply results' });
  await expect(results).toContainText('deployment.apps/web created');
  await expect(results).toContainText('service/web created');

  await expect(page.locator(runningWebPods)).toHaveCount(3, { timeout: 30_000 });
  for (const node of await page.locator(webPods).evaluateAll((els) => els.map((e) => e.getAttribute('data-node')))) {
    expect(node).toMatch(/^worker-\d+$/);
  }
  await expect(page.locator(canvas('[data-kind="Service"][data-name="web"]'))).toBeVisible();
  // One edge per ready endpoint: React Flow keeps each edge's id in data-id.
  await expect(page.locator('.react-flow__edge[data-id^="Service/default/web->default/web-"]')).toHaveCount(3, { timeout: 30_000 });

  // Through the API server's proxy, one of the pods behind the Service answers with nginx's page.
  await page.locator(canvas('[data-kind="Service"][data-name="web"]')).click();
  await page.getByRole('toolbar', { name: 'Actions on the selection' }).locator('[data-action="proxy"]').click();
  await expect(page.getByTestId('proxy-answer')).toContainText('HTTP 200');
  await expect(page.getByTestId('proxy-answer')).toContainText('<h1>Welcome to nginx!</h1>');

  // A shell in one of the pods (kubectl exec -it … -- sh) reaches the Service by its name.
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  const pod = page.locator(runningWebPods).first();
  const podName = (await pod.getAttribute('data-name'))!;
  await pod.click();
  await page.getByRole('toolbar', { name: 'Actions on the selection' }).locator('[data-action="exec"]').click();
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill('hostname');
  await command.press('Enter');
  await expect(page.getByTestId('exec-screen')).toContainText(`# hostname\n${podName}\n`);
  await command.fill('curl -s web');
  await command.press('Enter');
  await expect(page.getByTestId('exec-screen')).toContainText('<h1>Welcome to nginx!</h1>');
  expect(errors).toEqual([]);
});

test('dragging a Node from the palette adds a fourth Ready worker', async ({ page }) => {
  const errors = await openPlayground(page);
  await dragPaletteItem(page, 'Node');
  await expect(page.locator(canvas('[data-kind="Node"][data-name="worker-4"][data-status="Ready"]'))).toBeVisible({ timeout: 30_000 });
  // The canvas draws only what is in view; the summary counts every node.
  await expect(page.getByTestId('cluster-summary')).toHaveAttribute('data-nodes-ready', '5');
  expect(errors).toEqual([]);
});

test('cordon and drain move the pods off a node', async ({ page }) => {
  const errors = await openPlayground(page);
  await applyYaml(page, webDeploymentAndService);
  await expect(page.locator(runningWebPods)).toHaveCount(3, { timeout: 30_000 });
  const victim = (await page.locator(webPods).first().getAttribute('data-node'))!;

  await page.locator(canvas(`[data-kind="Node"][data-name="${victim}"]`)).click({ position: { x: 20, y: 12 } });
  const actions = page.getByRole('toolbar', { name: 'Actions on the selection' });
  await actions.locator('[data-action="cordon"]').click();
  await expect(page.locator(canvas(`[data-kind="Node"][data-name="${victim}"]`))).toHaveAttribute('data-unschedulable', 'true');
  await actions.locator('[data-action="drain"]').click();

  await expect(page.locator(`${webPods}[data-node="${victim}"]`)).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator(runningWebPods)).toHaveCount(3, { timeout: 30_000 });
  for (const node of await page.locator(runningWebPods).evaluateAll((els) => els.map((e) => e.getAttribute('data-node')))) {
    expect(node).not.toBe(victim);
  }
  expect(errors).toEqual([]);
});

test('an invalid manifest gets an error marker on the offending line and creates nothing', async ({ page }) => {
  const errors = await openPlayground(page);
  const pods = Number(await page.getByTestId('cluster-summary').getAttribute('data-pods'));
  const invalid = webDeploymentAndService.split('---')[0].replace('name: web', 'name: bad').replace('replicas: 3', 'replicas: -1');
  await applyYaml(page, invalid);
  await expect(page.getByRole('list', { name: 'Apply results' })).toContainText(
    'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  );
  // Monaco draws a marker as a squiggle in the overlay row of its line.
  const squiggle = page.getByTestId('yaml-editor').locator('.squiggly-error').first();
  await expect(squiggle).toBeAttached();
  const line = await squiggle.evaluate((el) => {
    const row = el.closest<HTMLElement>('.view-overlays > div')!;
    const height = parseFloat(getComputedStyle(document.querySelector('.monaco-editor .view-line')!).height);
    return Math.round(parseFloat(row.style.top) / height) + 1;
  });
  expect(line).toBe(6);

  await page.getByRole('button', { name: 'Step' }).click();
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.locator(canvas('[data-kind="Pod"][data-name^="bad-"]'))).toHaveCount(0);
  expect(Number(await page.getByTestId('cluster-summary').getAttribute('data-pods'))).toBe(pods);
  expect(errors).toEqual([]);
});

test('pause, step and speed change the simulated clock', async ({ page }) => {
  const errors = await openPlayground(page, 'speed=1');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('sim-clock')).toHaveAttribute('data-paused', 'true');
  const paused = await clock(page);
  await page.waitForTimeout(1_000);
  expect((await clock(page)).now).toBe(paused.now);

  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await clock(page)).now).toBe(paused.now + 1_000);

  await page.getByLabel('Speed').selectOption('50');
  await expect(page.getByTestId('sim-clock')).toHaveAttribute('data-speed', '50');
  await page.getByRole('button', { name: 'Play' }).click();
  const t0 = await clock(page);
  const wall0 = Date.now();
  await page.waitForTimeout(2_000);
  const t1 = await clock(page);
  // 50 simulated seconds per wall second; the 4 Hz display lags by up to a poll.
  expect(t1.now - t0.now).toBeGreaterThan(20 * (Date.now() - wall0));
  expect(errors).toEqual([]);
});
