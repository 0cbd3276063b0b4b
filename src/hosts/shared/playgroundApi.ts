import type { ApiRequest, ApiResponse, ApiTransport } from '../../engine/client/transport';
import { serveClockApi } from './clockApi';
import { serveNodesApi, type NodeAdder } from './nodesApi';
import { serveSchedulingApi } from './schedulingApi';
import type { SimRunner } from './simRunner';

/** PlaygroundRoute answers a playground path, or undefined for the Kubernetes API proper. */
export type PlaygroundRoute = (req: ApiRequest) => Promise<ApiResponse | undefined>;

/**
 * playgroundApi serves the paths under /playground/v1 that every host offers beside the Kubernetes
 * API: the clock, adding nodes and scheduling explanations.
 */
export function playgroundApi(runner: SimRunner, nodes: NodeAdder, apiServer: ApiTransport): PlaygroundRoute {
  return async (req) => (await serveClockApi(runner, req)) ?? (await serveNodesApi(nodes, req)) ?? serveSchedulingApi(apiServer, req);
}
