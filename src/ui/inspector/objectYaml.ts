import type { KubeObject } from '../../engine/api/object';
import { loadYaml } from '../loadYaml';

// kubectl -o yaml prints YAML 1.1 (go-yaml quotes "2025-01-01T00:00:00Z", "on", "y"), keys sorted
// (JSON → map → YAML), sequences flush with their key and long strings unfolded. Objects out of the
// watch cache may share sub-objects: without aliasDuplicateObjects: false they would print as YAML
// anchors, which kubectl never shows.
const kubectlStyle = { version: '1.1', sortMapEntries: true, indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false } as const;

/** serverSetMetadata are the metadata fields the API server owns; an edit must not send them back. */
const serverSetMetadata = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'] as const;

/** liveYaml renders obj as kubectl get -o yaml does by default: everything but managedFields. */
export async function liveYaml(obj: KubeObject): Promise<string> {
  const { stringify } = await loadYaml();
  const { managedFields: _managed, ...metadata } = obj.metadata ?? {};
  return stringify({ ...obj, metadata }, kubectlStyle);
}

/** editableYaml renders obj as a manifest to edit and apply: no status and no server-set metadata. */
export async function editableYaml(obj: KubeObject): Promise<string> {
  const { stringify } = await loadYaml();
  const { status: _status, ...rest } = obj;
  const metadata: Record<string, unknown> = { ...obj.metadata };
  for (const f of serverSetMetadata) delete metadata[f];
  return stringify({ ...rest, metadata }, kubectlStyle);
}
