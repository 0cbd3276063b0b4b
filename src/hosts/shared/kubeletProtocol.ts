import type { Status } from 'kubernetes-types/meta/v1';
import type { KubeletPoolOptions } from '../../engine/cluster/kubeletPool';
import type { NodeRequest, NodeSpec } from '../../engine/cluster/topology';
import type { ApiRequest, ApiResponse, StreamChunk } from '../../engine/client/transport';

// The messages between the control-plane Worker and the kubelet Worker, over one MessagePort.

/** ApiMessage carries the Kubernetes API: the kubelets' requests and streams, the API server's answers. */
export type ApiMessage =
  | { t: 'request'; id: number; request: ApiRequest }
  | { t: 'response'; id: number; response: ApiResponse }
  | { t: 'stream'; id: number; request: ApiRequest }
  | { t: 'chunk'; id: number; chunk: StreamChunk }
  | { t: 'cancel'; id: number };

/** PoolCommand is what the control plane asks of the kubelet host. */
export type PoolCommand =
  /** start boots the pool's Sim at the control plane's time and starts the kubelet of every node. */
  | { op: 'start'; seed: number | string; startMs: number; options: KubeletPoolOptions }
  /** advance runs the kubelets' clock to `to` (simulated ms) and lets their work finish. */
  | { op: 'advance'; to: number }
  | { op: 'addNode'; request: NodeRequest };

/**
 * PoolReplies are the answers to each command: after start and advance, when the kubelets' next
 * timer is due; after addNode, the node.
 */
export interface PoolReplies {
  start: { nextDue?: number };
  advance: { nextDue?: number };
  addNode: { node: NodeSpec };
}

/** PoolReply answers one command, or carries its failure as a Status (data, not a throw). */
export type PoolReply = PoolReplies[keyof PoolReplies] | { status: Status };

/** PoolMessage is a command or the reply with its sequence number. */
export type PoolMessage = { t: 'command'; seq: number; command: PoolCommand } | { t: 'reply'; seq: number; reply: PoolReply };

/** KubeletPortMessage is anything sent on the port between the two Workers. */
export type KubeletPortMessage = ApiMessage | PoolMessage;
