import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import { nameIsDNSSubdomain } from '../validation/names';
import {
  FieldImmutableErrorMsg,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation/objectMeta';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { semanticDeepEqual } from './strategyHelpers';

// ControllerRevision as pkg/apis/apps/validation/validation.go and
// pkg/registry/apps/controllerrevision/strategy.go of v1.32 define it: no defaults, no status,
// no generation, and data that never changes.

/** validateControllerRevision is ValidateControllerRevisionCreate. */
export function validateControllerRevision(cr: ControllerRevision): FieldError[] {
  const errs = validateObjectMeta(cr.metadata, true, nameIsDNSSubdomain);
  if (cr.data === undefined || cr.data === null) errs.push(fieldError.required('data', 'data is mandatory'));
  errs.push(...validateNonnegativeField(cr.revision ?? 0, 'revision'));
  return errs;
}

// The bad value of an immutable data field is a runtime.RawExtension holding the JSON bytes.
function rawExtensionValue(data: unknown): GoValue {
  if (data === undefined || data === null) return new GoValue('runtime.RawExtension{Raw:[]uint8(nil), Object:runtime.Object(nil)}');
  const bytes = new TextEncoder().encode(JSON.stringify(data));
  const hex = Array.from(bytes, (b) => `0x${b.toString(16)}`).join(', ');
  return new GoValue(`runtime.RawExtension{Raw:[]uint8{${hex}}, Object:runtime.Object(nil)}`);
}

/** validateControllerRevisionUpdate is ValidateControllerRevisionUpdate. */
export function validateControllerRevisionUpdate(cr: ControllerRevision, old: ControllerRevision): FieldError[] {
  const errs = [...validateObjectMetaUpdate(cr.metadata, old.metadata), ...validateControllerRevision(cr)];
  if (!semanticDeepEqual(cr.data, old.data)) errs.push(fieldError.invalid('data', rawExtensionValue(cr.data), FieldImmutableErrorMsg));
  return errs;
}

const asRevision = (o: KubeObject) => o as unknown as ControllerRevision;

/** controllerRevisionStrategy is the REST strategy of apps/v1 controllerrevisions. */
export const controllerRevisionStrategy: ResourceStrategy = {
  def: Resources.controllerrevisions,
  validate: (obj) => validateControllerRevision(asRevision(obj)),
  validateUpdate: (obj, old) => validateControllerRevisionUpdate(asRevision(obj), asRevision(old)),
};
