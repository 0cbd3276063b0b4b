/** ServerVersion is what GET /version answers: a v1.32 kube-apiserver, so kubectl 1.32 talks to it. */
export const ServerVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

/** healthChecks lists the checks /readyz?verbose prints, all of which the engine passes once started. */
export const healthChecks = ['ping', 'log', 'etcd', 'informer-sync', 'poststarthook/start-kube-scheduler', 'poststarthook/start-controller-manager', 'shutdown'];

/** healthReport renders /healthz, /livez or /readyz (plain "ok", or the verbose list). */
export function healthReport(path: string, verbose: boolean): string {
  if (!verbose) return 'ok';
  const name = path.replace(/^\//, '').split('/')[0];
  return healthChecks.map((c) => `[+]${c} ok`).join('\n') + `\n${name} check passed\n`;
}
