import { Handle, Position } from '@xyflow/react';

// Hidden rather than transparent: opacity below 1 gives every shape a paint effect of its own,
// which Chromium sorts through again on each frame of a pan.
const style = { left: 0, top: 0, width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0, visibility: 'hidden', transform: 'none' } as const;

/**
 * CornerHandle is the target of every edge into a shape, at its top-left corner: an edge adds the
 * layout's offset of what it points at (a pod chip inside a node), so one handle serves them all.
 */
export function CornerHandle() {
  return <Handle type="target" position={Position.Left} isConnectable={false} style={style} />;
}
