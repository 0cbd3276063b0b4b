import { goTypeName, goValue } from './goFmt';

/**
 * PatchErrorKind says how the apiserver's patch handler (endpoints/handlers/patch.go, v1.32) turns a
 * patch failure into a Status: BadRequest keeps the message (400); Unprocessable becomes the generic
 * 422 "the server rejected our request due to an error in our request" and the message is lost;
 * Unknown is an error that is not a Status, served as a 500 with no reason and the message as is.
 */
export const PatchErrorKind = {
  BadRequest: 'BadRequest',
  Unprocessable: 'Unprocessable',
  Unknown: 'Unknown',
} as const;
export type PatchErrorKind = (typeof PatchErrorKind)[keyof typeof PatchErrorKind];

/** PatchError is a failure to decode or apply a patch, carrying the upstream library's message. */
export class PatchError extends Error {
  constructor(
    readonly kind: PatchErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

// The sentinel errors of k8s.io/apimachinery/pkg/util/mergepatch/errors.go (v0.32), classified as
// interpretStrategicMergePatchError in patch.go does.

/** errBadPatchFormatForPrimitiveList is mergepatch.ErrBadPatchFormatForPrimitiveList. */
export const errBadPatchFormatForPrimitiveList = () =>
  new PatchError(PatchErrorKind.BadRequest, 'invalid patch format of primitive list');

/** errBadPatchFormatForRetainKeys is mergepatch.ErrBadPatchFormatForRetainKeys. */
export const errBadPatchFormatForRetainKeys = () =>
  new PatchError(PatchErrorKind.BadRequest, 'invalid patch format of retainKeys');

/** errBadPatchFormatForSetElementOrderList is mergepatch.ErrBadPatchFormatForSetElementOrderList. */
export const errBadPatchFormatForSetElementOrderList = () =>
  new PatchError(PatchErrorKind.BadRequest, 'invalid patch format of setElementOrder list');

/** errNoListOfLists is mergepatch.ErrNoListOfLists. */
export const errNoListOfLists = () => new PatchError(PatchErrorKind.Unprocessable, 'lists of lists are not supported');

/** errNoMergeKey is mergepatch.ErrNoMergeKey. */
export const errNoMergeKey = (m: unknown, key: string) =>
  new PatchError(PatchErrorKind.Unknown, `map: ${goValue(m)} does not contain declared merge key: ${key}`);

/** errBadArgType is mergepatch.ErrBadArgType for the two expectations the merge code has. */
export const errBadArgType = (expected: 'map' | 'slice', actual: unknown) =>
  new PatchError(
    PatchErrorKind.Unknown,
    `expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`,
  );

/** errBadPatchType is mergepatch.ErrBadPatchType: a $patch directive with an unknown value. */
export const errBadPatchType = (directive: unknown, m: unknown) =>
  new PatchError(
    PatchErrorKind.Unknown,
    `unknown patch type: ${goString(directive)} in map: ${goValue(m)}`,
  );

// goString renders an interface{} with %s: strings as they are, anything else as a bad verb.
function goString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  return `%!s(${goTypeName(v)}=${goValue(v)})`;
}

/** unknownError is any other error of the merge code, served as a reason-less 500. */
export const unknownError = (message: string) => new PatchError(PatchErrorKind.Unknown, message);
