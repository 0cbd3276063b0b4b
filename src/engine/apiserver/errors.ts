import type { Status, StatusDetails } from 'kubernetes-types/meta/v1';
import { groupResource } from '../api/groupVersion';

// Status builders mirror k8s.io/apimachinery/pkg/api/errors (v1.32): same codes, reasons and messages.

/** StatusReason lists the metav1.StatusReason values the engine returns. */
export const StatusReason = {
  NotFound: 'NotFound',
  AlreadyExists: 'AlreadyExists',
  Conflict: 'Conflict',
  Invalid: 'Invalid',
  BadRequest: 'BadRequest',
  Expired: 'Expired',
  Gone: 'Gone',
  MethodNotAllowed: 'MethodNotAllowed',
  NotAcceptable: 'NotAcceptable',
  UnsupportedMediaType: 'UnsupportedMediaType',
  RequestEntityTooLarge: 'RequestEntityTooLarge',
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  InternalError: 'InternalError',
  TooManyRequests: 'TooManyRequests',
  ServiceUnavailable: 'ServiceUnavailable',
} as const;
export type StatusReason = (typeof StatusReason)[keyof typeof StatusReason];

/** ApiError carries a failure Status inside the engine; it never crosses a Worker boundary as a throw. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
    this.name = 'ApiError';
  }
  get code(): number {
    return this.status.code ?? 500;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

/**
 * PlainTextError is a failure some filters of the handler chain write as text rather than as a
 * Status (responsewriters.InternalError: "Internal Server Error: <path>: <cause>").
 */
export class PlainTextError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'PlainTextError';
  }
}

/** isApiError reports whether err is an ApiError with the given reason (any reason when omitted). */
export function isApiError(err: unknown, reason?: StatusReason): err is ApiError {
  return err instanceof ApiError && (reason === undefined || err.reason === reason);
}

/** failure builds a metav1.Status with status Failure. */
export function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return status;
}

interface Qualified {
  group: string;
  resource: string;
}

function err(code: number, reason: StatusReason, message: string, details?: StatusDetails): ApiError {
  return new ApiError(failure(code, reason, message, details));
}

export function newNotFound(gr: Qualified, name: string): ApiError {
  return err(404, StatusReason.NotFound, `${groupResource(gr)} "${name}" not found`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export function newAlreadyExists(gr: Qualified, name: string): ApiError {
  return err(409, StatusReason.AlreadyExists, `${groupResource(gr)} "${name}" already exists`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

/** ConflictModified is the message optimistic concurrency failures carry (storage.ErrConflict, v1.32). */
export const ConflictModified =
  'the object has been modified; please apply your changes to the latest version and try again';

export function newConflict(gr: Qualified, name: string, detail: string = ConflictModified): ApiError {
  return err(409, StatusReason.Conflict, `Operation cannot be fulfilled on ${groupResource(gr)} "${name}": ${detail}`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export function newBadRequest(message: string): ApiError {
  return err(400, StatusReason.BadRequest, message);
}

export function newUnauthorized(message: string): ApiError {
  return err(401, StatusReason.Unauthorized, message);
}

export function newForbidden(gr: Qualified, name: string, reason: string): ApiError {
  const subject = name === '' ? groupResource(gr) : `${groupResource(gr)} "${name}"`;
  // A refused non-resource request names no resource: "forbidden: User ... cannot get path ...".
  const message = gr.resource === '' ? `forbidden: ${reason}` : `${subject} is forbidden: ${reason}`;
  return err(403, StatusReason.Forbidden, message, {
    name: name || undefined,
    group: gr.group || undefined,
    kind: gr.resource || undefined,
  });
}

export function newMethodNotSupported(gr: Qualified, action: string): ApiError {
  return err(405, StatusReason.MethodNotAllowed, `${action} is not supported on resources of kind "${groupResource(gr)}"`, {
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

/** newResourceExpired is the 410 a watch or continue token past compaction gets. */
export function newResourceExpired(message: string): ApiError {
  return err(410, StatusReason.Expired, message);
}

export function newRequestEntityTooLarge(limit: number): ApiError {
  return err(413, StatusReason.RequestEntityTooLarge, `Request entity too large: limit is ${limit}`);
}

export function newUnsupportedMediaType(message: string): ApiError {
  return err(415, StatusReason.UnsupportedMediaType, message);
}

export function newInternalError(cause: string): ApiError {
  return err(500, StatusReason.InternalError, `Internal error occurred: ${cause}`, {
    causes: [{ message: cause }],
  });
}

