import { existsSync } from 'node:fs';

// Debian's Chromium where it is installed (CI and this workplace cannot download Playwright's);
// anywhere else Playwright's own browser is used. Shared by the e2e config and the browser benchmarks.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** chromiumLaunchOptions keep headless Chromium quiet on a closed network. */
export const chromiumLaunchOptions = {
  executablePath: systemChromium,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};
