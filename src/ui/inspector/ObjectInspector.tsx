import type { Pod } from 'kubernetes-types/core/v1';
import { useSimNow } from '../clock/useSimNow';
import { useClusterStore } from '../state/clusterStore';
import { useUiStore, type ObjectRef } from '../state/uiStore';
import { kindOf } from '../timeline/involvedObject';
import { ConditionsTable } from './ConditionsTable';
import { ObjectEvents } from './ObjectEvents';
import { ObjectSummary } from './ObjectSummary';
import { ObjectYaml } from './ObjectYaml';
import { SchedulingPanel } from './SchedulingPanel';
import { editableYaml } from './objectYaml';

/** ObjectInspector describes one object live, as kubectl describe would, from the watch-fed cache. */
export function ObjectInspector({ selected }: { selected: ObjectRef }) {
  const { resource, namespace, name } = selected;
  const obj = useClusterStore((s) => s.objects[resource][namespace ? `${namespace}/${name}` : name]);
  const now = useSimNow();
  const kind = kindOf(resource);
  return (
    <section className="inspector" aria-label={`Inspector: ${kind} ${name}`} data-kind={kind} data-name={name} data-namespace={namespace ?? ''}>
      <header className="inspector-header">
        <h2>
          <span className="inspector-kind">{kind}</span> {namespace ? `${namespace}/` : ''}
          {name}
        </h2>
        <button type="button" disabled={!obj} onClick={async () => obj && useUiStore.getState().openEditor(await editableYaml(obj))}>
          Edit YAML
        </button>
        <button type="button" aria-label="Close inspector" title="Clear the selection" onClick={() => useUiStore.getState().select(undefined)}>
          ×
        </button>
      </header>
      {obj ? (
        <ObjectSummary obj={obj} now={now} />
      ) : (
        <p className="inspector-missing" role="status">
          {resource} "{name}" not found: it was deleted or is not created yet. Its events stay listed while they last.
        </p>
      )}
      {obj && <ConditionsTable obj={obj} now={now} />}
      <ObjectEvents kind={kind} namespace={namespace} name={name} uid={obj?.metadata?.uid} now={now} />
      {resource === 'pods' && obj && namespace && <SchedulingPanel pod={obj as Pod} namespace={namespace} name={name} />}
      {obj && <ObjectYaml obj={obj} />}
    </section>
  );
}
