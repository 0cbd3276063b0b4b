/** GroupVersionResource identifies a served resource collection. */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/** GroupVersionKind identifies a served kind. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** apiVersionOf renders group/version as the apiVersion field spells it ("v1" for the core group). */
export function apiVersionOf(gv: { group: string; version: string }): string {
  return gv.group === '' ? gv.version : `${gv.group}/${gv.version}`;
}

/** parseApiVersion splits an apiVersion field into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** groupResource renders "deployments.apps" (or "pods" for the core group), as Kubernetes messages do. */
export function groupResource(gvr: { group: string; resource: string }): string {
  return gvr.group === '' ? gvr.resource : `${gvr.resource}.${gvr.group}`;
}

/** groupKind renders "Deployment.apps" (or "Pod" for the core group), as Invalid errors do. */
export function groupKind(gvk: { group: string; kind: string }): string {
  return gvk.group === '' ? gvk.kind : `${gvk.kind}.${gvk.group}`;
}
