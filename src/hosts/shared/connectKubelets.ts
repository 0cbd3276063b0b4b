import type { ControlPlane } from '../../engine/cluster/controlPlane';
import type { KubeletPoolOptions } from '../../engine/cluster/kubeletPool';
import type { BatchedPort } from './batchedPort';
import type { KubeletPortMessage } from './kubeletProtocol';
import { LockstepClock } from './lockstepClock';
import { serveApiOverPort } from './portApiServer';
import { RemoteKubeletPool } from './remoteKubeletPool';

/**
 * connectKubelets joins a started control plane to the KubeletHost at the other end of port: it
 * serves the API server there, starts the kubelets at the control plane's simulated time and
 * returns the pool's handle and the clock that moves both sides together.
 */
export async function connectKubelets(
  controlPlane: ControlPlane,
  port: BatchedPort<KubeletPortMessage>,
  options: KubeletPoolOptions,
): Promise<{ kubelets: RemoteKubeletPool; clock: LockstepClock }> {
  serveApiOverPort(port, controlPlane.apiServer);
  const kubelets = new RemoteKubeletPool(port);
  await kubelets.start(controlPlane.sim.seed, controlPlane.sim.clock.now(), options);
  await controlPlane.sim.settle();
  return { kubelets, clock: new LockstepClock(controlPlane.sim, kubelets, () => port.sent) };
}
