import type { KubeObject } from '../../api/object';
import { newBadRequest } from '../errors';
import { QuantityFormatError } from '../validation/quantity';
import type { ResourceDefinition } from './resourceDefinition';

/**
 * defaultsOrDecodeError runs a defaulter, turning a quantity that would not decode into the 400 a
 * v1.32 apiserver returns while decoding: `Pod in version "v1" cannot be handled as a Pod: <err>`.
 */
export function defaultsOrDecodeError(def: ResourceDefinition, fn: (obj: KubeObject) => void): (obj: KubeObject) => void {
  return (obj) => {
    try {
      fn(obj);
    } catch (e) {
      if (e instanceof QuantityFormatError) {
        throw newBadRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${e.message}`);
      }
      throw e;
    }
  };
}
