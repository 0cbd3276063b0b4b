import { writeFileSync } from 'node:fs';
import { Cluster } from '../../engine/cluster/cluster';
import { SimRunner } from '../shared/simRunner';
import { playgroundApi } from '../shared/playgroundApi';
import { parseArgs } from './args';
import { serveHttp } from './httpServer';
import { kubeconfigFor } from './kubeconfig';
import { newClusterCertificates } from './clusterCertificates';

/** startApiserver boots a cluster and serves it on 127.0.0.1:port; resolves once /readyz would answer. */
export async function startApiserver(argv: string[]) {
  const args = parseArgs(argv);
  const cluster = new Cluster({
    seed: args.seed,
    workers: args.nodes,
    startMs: args.startMs,
    authorizationMode: args.authorizationMode,
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
  });
  await cluster.start();
  const runner = new SimRunner(cluster.sim, args.speed);
  runner.start();
  const tls = args.tls ? newClusterCertificates(args.seed, Date.now(), cluster.sim.clock.now()) : undefined;
  const server = serveHttp(cluster.apiServer, playgroundApi(runner, cluster, cluster.apiServer), tls && { ...tls, now: () => cluster.sim.clock.now() });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  if (args.kubeconfig) writeFileSync(args.kubeconfig, kubeconfigFor(url, tls));
  return {
    url,
    /** certs are the cluster CA and the certificates it signed, under --tls. */
    certs: tls,
    port,
    cluster,
    runner,
    close: () =>
      new Promise<void>((resolve) => {
        runner.stop();
        cluster.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const isMain = process.argv[1] && /apiserverMain\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  startApiserver(process.argv.slice(2)).then(
    ({ url, cluster }) => {
      const workers = cluster.nodes.filter((n) => n.role === 'worker').length;
      console.log(`Kube Playground API server (Kubernetes v1.32 simulation) listening on ${url}`);
      console.log(`  nodes: 1 control plane + ${workers} workers, seed ${cluster.sim.seed}`);
      // Without a kubeconfig, kubectl can only skip checking the self-signed certificate.
      const insecure = url.startsWith('https:') ? ' --insecure-skip-tls-verify' : '';
      console.log(`  try: KUBECONFIG=/dev/null kubectl --server ${url}${insecure} get nodes`);
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
