import { useEffect, useState } from 'react';
import type { KubeObject } from '../../engine/api/object';
import { liveYaml } from './objectYaml';

/** ObjectYaml shows the object as kubectl get -o yaml would, live; rendered only while open. */
export function ObjectYaml({ obj }: { obj: KubeObject }) {
  const [open, setOpen] = useState(true);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!open) return;
    let current = true;
    void liveYaml(obj).then((t) => current && setText(t));
    return () => {
      current = false;
    };
  }, [obj, open]);
  return (
    <details className="inspector-section" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h3>YAML</h3>
      </summary>
      <pre className="inspector-yaml" aria-label="Live YAML">
        {text}
      </pre>
    </details>
  );
}
