import type { ManifestRange } from '../manifest/manifest';

/** ApplyOperation is what kubectl apply did to an object, as it prints it. */
export const ApplyOperation = {
  Created: 'created',
  Configured: 'configured',
  Unchanged: 'unchanged',
} as const;
export type ApplyOperation = (typeof ApplyOperation)[keyof typeof ApplyOperation];

/** ApplyMarker places an error on the part of the manifest it is about. */
export interface ApplyMarker {
  message: string;
  range: ManifestRange;
}

/** ApplyResult is the outcome for one object of the manifest, or one error of the stream. */
export interface ApplyResult {
  /** document is the index of the YAML document the result is about; undefined for the whole stream. */
  document?: number;
  /** object names the object as kubectl prints it: "deployment.apps/web". */
  object?: string;
  /** operation is set when the object was applied (or would be, in a dry run). */
  operation?: ApplyOperation;
  /** message is what kubectl prints: "deployment.apps/web created", or its error text. */
  message: string;
  /** markers place an error on the manifest's fields; empty on success. */
  markers: ApplyMarker[];
  /** warnings are kubectl's "Warning: …" lines (the server's warnings included). */
  warnings: string[];
}
