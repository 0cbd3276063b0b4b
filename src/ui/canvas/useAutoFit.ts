import { useCallback, useEffect, useRef } from 'react';
import { useNodesInitialized, useReactFlow, type FitViewOptions, type Node as FlowNode } from '@xyflow/react';

/**
 * useAutoFit keeps the whole cluster in view as its shapes come and go, until the user pans or
 * zooms. Kubelets register one after another, so a single fit on load could frame the control
 * plane alone, at full zoom, and leave the workers out of view. It returns the handlers that tell
 * a user's move (which carries an input event) from the fit's own.
 */
export function useAutoFit(nodes: FlowNode[], options: FitViewOptions): { onMoveStart: (event: unknown) => void; onUserZoom: () => void } {
  const { fitView } = useReactFlow();
  const measured = useNodesInitialized();
  const touched = useRef(false);
  const fittedTo = useRef('');
  const shapes = nodes.map((n) => n.id).join('\n');
  useEffect(() => {
    if (touched.current || !measured || fittedTo.current === shapes) return;
    fittedTo.current = shapes;
    void fitView(options);
  }, [measured, shapes, fitView, options]);
  const onUserZoom = useCallback(() => {
    touched.current = true;
  }, []);
  const onMoveStart = useCallback((event: unknown) => {
    if (event) touched.current = true;
  }, []);
  return { onMoveStart, onUserZoom };
}
