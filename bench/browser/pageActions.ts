import type { Page } from '@playwright/test';

/** openEditor clicks the editor tab and returns ms from the click until Monaco shows the manifest. */
export async function openEditor(page: Page): Promise<number> {
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('tab', { name: 'YAML editor' }).click();
  const handle = await page.waitForFunction(() => (document.querySelector('[data-testid="yaml-editor"] .view-lines .view-line') ? performance.now() : 0), undefined, {
    timeout: 60_000,
    polling: 'raf',
  });
  return ((await handle.jsonValue()) as number) - t0;
}

/** applyManifest types yaml into the (open) editor and applies it with Ctrl+Enter. */
export async function applyManifest(page: Page, yaml: string): Promise<void> {
  await page.getByTestId('yaml-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(yaml);
  await page.keyboard.press('ControlOrMeta+Enter');
  await page.getByRole('list', { name: 'Apply results' }).getByText('created').waitFor({ timeout: 60_000 });
}

/** waitForRunningPods waits until the cluster summary counts at least n Running pods. */
export async function waitForRunningPods(page: Page, n: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (min) => Number(document.querySelector('[data-testid="cluster-summary"]')?.getAttribute('data-pods-running')) >= min,
    n,
    { timeout: timeoutMs, polling: 500 },
  );
}

/** deploymentYaml is an nginx Deployment of the given size, as a person would paste it. */
export function deploymentYaml(name: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
`;
}
