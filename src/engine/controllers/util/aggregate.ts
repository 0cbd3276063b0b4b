// utilerrors.NewAggregate (k8s.io/apimachinery, v1.32), for the errors a sync collects.

/** aggregate is nothing for no errors, the error itself for one, and "[a, b]" for several. */
export function aggregate(errs: readonly unknown[]): Error | undefined {
  const list = errs.filter((e) => e !== undefined && e !== null).map((e) => (e instanceof Error ? e : new Error(String(e))));
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  return new Error(`[${list.map((e) => e.message).join(', ')}]`);
}

/** errorMessage is err.Error(). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
