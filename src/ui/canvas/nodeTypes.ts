import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { PodEdge } from './edges/PodEdge';
import { KubeNodeCard } from './nodes/KubeNodeCard';
import { ServiceShape } from './nodes/ServiceShape';
import { UnscheduledLane } from './nodes/UnscheduledLane';
import { WorkloadShape } from './nodes/WorkloadShape';

// Module scope, so React Flow never sees a new object and remounts every node.

/** nodeTypes maps the canvas's shape types to their components. */
export const nodeTypes: NodeTypes = {
  kubeNode: KubeNodeCard,
  service: ServiceShape,
  workload: WorkloadShape,
  lane: UnscheduledLane,
};

/** edgeTypes maps the canvas's edge types to their components. */
export const edgeTypes: EdgeTypes = { pod: PodEdge };
