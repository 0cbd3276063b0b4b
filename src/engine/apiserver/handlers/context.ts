import type { GenericRegistry } from '../registry/genericRegistry';
import type { StrategyIndex } from '../registry/strategyIndex';
import type { MvccStore } from '../../store/mvccStore';
import type { Sim } from '../../sim/sim';
import type { WatchHub } from '../watch/watchHub';
import type { Authorizer } from '../authorization/authorizer';
import type { Rng } from '../../sim/rng';
import type { WritableLayers } from '../../kubelet/programs/clusterDns';

/** ServerContext is what every handler of the API server shares. */
export interface ServerContext {
  sim: Sim;
  store: MvccStore;
  registry: GenericRegistry;
  strategies: StrategyIndex;
  watches: WatchHub;
  authorizer: Authorizer;
  /** proxyRng picks the endpoint a services/proxy request goes to. */
  proxyRng: Rng;
  /** writable holds the containers' writable layers, which exec'd commands write and proxied servers read. */
  writable: WritableLayers;
}
