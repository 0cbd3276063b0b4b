import type { Status } from 'kubernetes-types/meta/v1';

// How kubectl v1.32 words a failed command (k8s.io/kubectl/pkg/cmd/util/helpers.go: checkErr,
// StandardErrorMessage, MultilineError, AddSourceToErr).

/** KubectlError is an error as kubectl holds it: a server Status, or a client-side message. */
export type KubectlError = { status: Status } | { message: string };

/** addSourceToErr prefixes an error with the operation and the manifest's source ("STDIN"). */
export function addSourceToErr(verb: string, source: string, err: KubectlError): KubectlError {
  const prefix = `error when ${verb} "${source}": `;
  if ('status' in err) return { status: { ...err.status, message: prefix + (err.status.message ?? '') } };
  return { message: prefix + err.message };
}

/** errorMessage is what kubectl prints for an error on its own, without the final newline. */
export function errorMessage(err: KubectlError): string {
  if (!('status' in err)) return err.message.startsWith('error: ') ? err.message : `error: ${err.message}`;
  const s = err.status;
  if (s.reason === 'Invalid') return invalidMessage(s);
  if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message ?? ''})`;
  return s.reason ? `Error from server (${s.reason}): ${s.message ?? ''}` : `Error from server: ${s.message ?? ''}`;
}

// An Invalid error prints its details, not its message: "The Deployment "web" is invalid: …".
function invalidMessage(s: Status): string {
  const d = s.details;
  if (!d) return 'The request is invalid';
  const head = d.kind || d.name ? `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid` : 'The request is invalid';
  const causes = [...new Set((d.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`))];
  if (causes.length === 0) return head;
  if (causes.length === 1) return `${head}: ${causes[0]}`;
  return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
}
