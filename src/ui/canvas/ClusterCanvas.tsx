import { useCallback, useEffect, type DragEvent } from 'react';
import { Controls, Panel, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { ActionBar } from '../actions/ActionBar';
import { ActionDialogs } from '../actions/ActionDialogs';
import { ActionNotice } from '../actions/ActionNotice';
import { useActionShortcuts } from '../actions/useActionShortcuts';
import { PaletteMime, placeItem, type PaletteKind } from '../palette/placeItem';
import { useApiClient } from '../state/apiClientContext';
import { useUiStore } from '../state/uiStore';
import { CanvasToolbar } from './CanvasToolbar';
import { connectCanvasStore } from './canvasStore';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { DetailContext, useZoomDetail, type Detail } from './useCanvasView';
import { useAutoFit } from './useAutoFit';
import { useFlowElements } from './useFlowElements';
import './canvas.css';

const fitViewOptions = { padding: 0.06, maxZoom: 1 };

// Zoomed out to outlines, nearly every node is in view and each is a few boxes: drawing them all
// is cheaper than mounting and unmounting the ones a pan brings in and out of view on every frame.
const cullsOffscreen = (detail: Detail) => detail !== 'outline';

const clearSelection = () => useUiStore.getState().select(undefined);

// One element for every render: the canvas re-renders with each watch batch, and React skips an
// element it has seen before, so the toolbars re-render only on their own stores' changes.
const overlays = (
  <>
    <Panel position="top-left" className="canvas-overlays">
      <CanvasToolbar />
      <ActionBar />
    </Panel>
    <Panel position="bottom-center">
      <ActionNotice />
    </Panel>
  </>
);

function onDragOver(e: DragEvent) {
  if (!e.dataTransfer.types.includes(PaletteMime)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
}

function Flow() {
  const client = useApiClient();
  useEffect(connectCanvasStore, []);
  useActionShortcuts(client);
  const detail = useZoomDetail();
  const { nodes, edges } = useFlowElements(detail);
  const { onMoveStart, onUserZoom } = useAutoFit(nodes, fitViewOptions);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PaletteMime) as PaletteKind;
      if (!kind) return;
      e.preventDefault();
      void placeItem(client, kind);
    },
    [client],
  );
  return (
    <div className="cluster-canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <DetailContext value={detail}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onlyRenderVisibleElements={cullsOffscreen(detail)}
          fitView
          fitViewOptions={fitViewOptions}
          minZoom={0.02}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          onPaneClick={clearSelection}
          onMoveStart={onMoveStart}
          zoomOnDoubleClick={false}
          deleteKeyCode={null}
        >
          <Controls showInteractive={false} onZoomIn={onUserZoom} onZoomOut={onUserZoom} />
          {overlays}
        </ReactFlow>
      </DetailContext>
      <ActionDialogs />
    </div>
  );
}

/**
 * ClusterCanvas draws the cluster as the API reports it: nodes with their components and pods,
 * Services with edges to their endpoints, the Unscheduled lane, and optionally ownership.
 */
export function ClusterCanvas() {
  return (
    <ReactFlowProvider>
      <Flow />
    </ReactFlowProvider>
  );
}
