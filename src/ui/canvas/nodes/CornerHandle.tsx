import { Handle, Position } from '@xyflow/react';

const style = { left: 0, top: 0, width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0, opacity: 0, transform: 'none' } as const;

/**
 * CornerHandle is the target of every edge into a shape, at its top-left corner: an edge adds the
 * layout's offset of what it points at (a pod chip inside a node), so one handle serves them all.
 */
export function CornerHandle() {
  return <Handle type="target" position={Position.Left} isConnectable={false} style={style} />;
}
