import { useMemo } from 'react';
import type { KubeObject } from '../../engine/api/object';
import { summaryFields } from './summaryFields';

/** ObjectSummary is the "Label: value" head of the inspector, as kubectl describe starts. */
export function ObjectSummary({ obj, now }: { obj: KubeObject; now: number | undefined }) {
  const fields = useMemo(() => summaryFields(obj, now), [obj, now]);
  return (
    <dl className="inspector-summary">
      {fields.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
