import type { ResourceStrategy } from '../apiserver/registry/strategy';
import { coreStrategies } from '../apiserver/registry/coreStrategies';
import { groupStrategies } from '../apiserver/registry/groupStrategies';

/** servedStrategies lists every resource strategy the API server serves. */
export const servedStrategies: ResourceStrategy[] = [...coreStrategies, ...groupStrategies];
