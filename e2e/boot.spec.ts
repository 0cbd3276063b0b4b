import { expect, test } from '@playwright/test';

test('the engine boots in a Web Worker and the canvas draws the cluster the API reports', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?speed=10');

  // Registration waits for both Workers to load and boot, which a cold machine takes its time over.
  const nodes = page.locator('[data-kind="Node"]');
  await expect(nodes).toHaveCount(4, { timeout: 30_000 });
  await expect(page.locator('[data-kind="Node"][data-status="Ready"]')).toHaveCount(4, { timeout: 30_000 });
  // The view follows the kubelets as they register: every node ends up in view, not just the first.
  for (const name of ['control-plane', 'worker-1', 'worker-2', 'worker-3']) {
    await expect(page.locator(`[data-kind="Node"][data-name="${name}"]`)).toBeInViewport();
  }

  // The control plane's static pods, drawn from their mirror pods on the control-plane node.
  for (const component of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager']) {
    const pod = page.locator(`[data-kind="Pod"][data-namespace="kube-system"][data-component="${component}"]`);
    await expect(pod).toHaveAttribute('data-node', 'control-plane');
    await expect(pod).toHaveAttribute('data-phase', 'Running', { timeout: 30_000 });
  }
  expect(errors).toEqual([]);
});
