import type { ApiClient } from '../../engine/client/apiClient';
import type { PodSchedulingExplanation } from '../../hosts/shared/schedulingApi';
import { playgroundRequest } from '../clock/playgroundRequest';

/** fetchSchedulingExplanation asks the engine where pod namespace/name would go and why (hosts/shared/schedulingApi.ts). */
export function fetchSchedulingExplanation(client: ApiClient, namespace: string, name: string): Promise<PodSchedulingExplanation> {
  const path = `/playground/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/scheduling`;
  return playgroundRequest<PodSchedulingExplanation>(client, { method: 'GET', path });
}
