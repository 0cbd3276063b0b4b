// Plugin outcomes, after pkg/scheduler/framework/interface.go (v1.32).

/** Code is framework.Code: what a plugin decided. */
export const Code = {
  Success: 0,
  Error: 1,
  /** Unschedulable: the pod does not fit here now; preemption may help. */
  Unschedulable: 2,
  /** UnschedulableAndUnresolvable: removing pods from the node would not help either. */
  UnschedulableAndUnresolvable: 3,
  Wait: 4,
  /** Skip: the plugin has nothing to do for this pod; its later extension points are skipped. */
  Skip: 5,
  Pending: 6,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

const codeNames = ['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Wait', 'Skip', 'Pending'] as const;

/** codeName is Code.String(). */
export function codeName(code: Code): string {
  return codeNames[code];
}

/**
 * Status is framework.Status for anything but success: plugins return null when a pod passes,
 * which keeps 5,000 nodes × 10 plugins free of allocations.
 */
export class Status {
  readonly reasons: readonly string[];
  /** plugin names the plugin that produced the status; the framework sets it. */
  plugin = '';

  constructor(
    readonly code: Code,
    ...reasons: string[]
  ) {
    this.reasons = reasons;
  }

  /** message joins the reasons as Status.Message does. */
  message(): string {
    return this.reasons.join(', ');
  }

  isSuccess(): boolean {
    return this.code === Code.Success;
  }

  isSkip(): boolean {
    return this.code === Code.Skip;
  }

  /** isRejected is true for Unschedulable, UnschedulableAndUnresolvable and Pending. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable || this.code === Code.Pending;
  }

  withPlugin(name: string): this {
    this.plugin = name;
    return this;
  }
}

/** statusCode treats null as Success, as Go's nil *Status is. */
export function statusCode(s: Status | null | undefined): Code {
  return s ? s.code : Code.Success;
}

/** asStatus wraps an error as an Error status (framework.AsStatus). */
export function asStatus(err: unknown): Status {
  return new Status(Code.Error, err instanceof Error ? err.message : String(err));
}

/** skipStatus is the shared Skip answer; it carries no plugin name, so sharing it is safe. */
export const skipStatus = new Status(Code.Skip);
