import type { ResourceStrategy } from './strategy';
import { configmapsStrategy } from './configmaps';
import { endpointsStrategy } from './endpoints';
import { eventsStrategy } from './events';
import { eventsV1Strategy } from './eventsV1';
import { limitrangesStrategy } from './limitranges';
import { namespacesStrategy } from './namespaces';
import { nodesStrategy } from './nodes';
import { persistentvolumeclaimsStrategy } from './persistentvolumeclaims';
import { persistentvolumesStrategy } from './persistentvolumes';
import { podsStrategy } from './pods';
import { podtemplatesStrategy } from './podtemplates';
import { replicationcontrollersStrategy } from './replicationcontrollers';
import { resourcequotasStrategy } from './resourcequotas';
import { secretsStrategy } from './secrets';
import { serviceaccountsStrategy } from './serviceaccounts';
import { servicesStrategy } from './services';

/** coreStrategies lists the REST strategies of the core/v1 resources (and events.k8s.io/v1 Events). */
export const coreStrategies: ResourceStrategy[] = [
  namespacesStrategy,
  nodesStrategy,
  podsStrategy,
  servicesStrategy,
  endpointsStrategy,
  configmapsStrategy,
  secretsStrategy,
  serviceaccountsStrategy,
  eventsStrategy,
  eventsV1Strategy,
  persistentvolumesStrategy,
  persistentvolumeclaimsStrategy,
  replicationcontrollersStrategy,
  resourcequotasStrategy,
  limitrangesStrategy,
  podtemplatesStrategy,
];
