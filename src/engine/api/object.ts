import type { ObjectMeta, ListMeta, Status } from 'kubernetes-types/meta/v1';

/** TypedObject is what every API object has; kubernetes-types interfaces (Pod, Node...) satisfy it. */
export interface TypedObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** KubeObject is any Kubernetes API object as it travels through the engine, fields untyped. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** StoredObject is a KubeObject the store has accepted: metadata is always present. */
export type StoredObject = KubeObject & { metadata: ObjectMeta };

/** KubeList is the wire shape of a list response. */
export interface KubeList<T extends TypedObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** WatchEventType names the watch.Event types of k8s.io/apimachinery/pkg/watch. */
export const WatchEventType = {
  Added: 'ADDED',
  Modified: 'MODIFIED',
  Deleted: 'DELETED',
  Bookmark: 'BOOKMARK',
  Error: 'ERROR',
} as const;
export type WatchEventType = (typeof WatchEventType)[keyof typeof WatchEventType];

/** WatchEvent is one event of a watch stream, as metav1.WatchEvent on the wire. */
export interface WatchEvent<T extends TypedObject = KubeObject> {
  type: WatchEventType;
  object: T | Status;
}

export type { ObjectMeta, ListMeta, Status };

/** Mutable strips readonly: the server side sets the fields kubernetes-types marks read-only. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** MutableObjectMeta is ObjectMeta as the API server writes it. */
export type MutableObjectMeta = Mutable<ObjectMeta>;
