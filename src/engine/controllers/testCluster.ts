import { ApiServer } from '../apiserver/server';
import { servedStrategies } from '../cluster/servedStrategies';
import { ApiClient } from '../client/apiClient';
import { Sim } from '../sim/sim';
import { bootstrapCluster } from '../cluster/bootstrap';
import { ControllerManager, type ControllerConstructor } from './controllerManager';
import type { YieldToHost } from '../sim/sim';

/** startControllers runs the given controllers against a fresh in-process API server, for tests. */
export async function startControllers(constructors: ControllerConstructor[], yieldToHost: YieldToHost) {
  const sim = new Sim('controllers-test', yieldToHost);
  const server = new ApiServer(sim, { strategies: servedStrategies, freeze: true });
  const client = new ApiClient(server, 'test');
  await bootstrapCluster(client);
  const manager = new ControllerManager(server, sim, constructors);
  await manager.start();
  return { sim, server, client, manager };
}
