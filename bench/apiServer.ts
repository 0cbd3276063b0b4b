import { ApiServer } from '../src/engine/apiserver/server';
import { servedStrategies } from '../src/engine/cluster/servedStrategies';
import { Sim } from '../src/engine/sim/sim';
import { yieldToHost } from './stats';

/** newBenchApiServer is an API server serving every resource the cluster serves, as Cluster builds it. */
export function newBenchApiServer(): ApiServer {
  return new ApiServer(new Sim('bench', yieldToHost), { strategies: servedStrategies });
}
