import type { KubeObject, StoredObject } from '../../api/object';
import type { Operation } from '../../quota/evaluator';
import type { ResourceDefinition } from '../registry/resourceDefinition';

// admission.Attributes and admission.ValidationInterface of k8s.io/apiserver/pkg/admission (v1.32),
// for the validating plugins the generic registry calls once an object is fully formed.

/** Attributes describe one write as a validating admission plugin sees it. */
export interface Attributes {
  operation: Operation;
  resource: ResourceDefinition;
  /** subresource is "" for the object itself, "status", "scale", ... otherwise. */
  subresource: string;
  namespace: string;
  /** name is the object's name, generated already when the request asked for generateName. */
  name: string;
  /** object is the defaulted, prepared and validated object about to be stored. */
  object: KubeObject;
  /** oldObject is the stored object an update replaces. */
  oldObject?: StoredObject;
  dryRun: boolean;
}

/** ValidationInterface is a validating admission plugin: it may only reject, by throwing an ApiError. */
export interface ValidationInterface {
  validate(a: Attributes): void;
}
