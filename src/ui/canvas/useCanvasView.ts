import { createContext, useContext, type KeyboardEvent, type MouseEvent } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useUiStore, type ObjectRef } from '../state/uiStore';

/** DetailZoom is the zoom below which node cards collapse to summaries (counts and a usage bar). */
export const DetailZoom = 0.5;
/** OutlineZoom is the zoom below which a summary's text is unreadable: a card becomes one coloured box. */
export const OutlineZoom = 0.15;

/** Detail is how much a node card draws: its pods, a summary, or an outline. */
export type Detail = 'pods' | 'summary' | 'outline';

const selectDetail = (s: ReactFlowState): Detail => (s.transform[2] >= DetailZoom ? 'pods' : s.transform[2] >= OutlineZoom ? 'summary' : 'outline');

/** useZoomDetail gives the level of detail for the zoom; it changes only at the thresholds, never per frame. */
export function useZoomDetail(): Detail {
  return useStore(selectDetail);
}

/**
 * DetailContext hands the canvas's level of detail to the shapes. One subscription to the zoom,
 * not one per shape: every frame of a pan notifies each subscriber of React Flow's store, so 500
 * node cards would each ask, on every frame, whether the zoom crossed a threshold.
 */
export const DetailContext = createContext<Detail>('pods');

/** useDetail gives a shape the canvas's level of detail. */
export function useDetail(): Detail {
  return useContext(DetailContext);
}

/** useIsSelected reports whether the object is the selected one. */
export function useIsSelected(ref: ObjectRef): boolean {
  return useUiStore((s) => s.selected?.resource === ref.resource && s.selected.name === ref.name && (s.selected.namespace ?? '') === (ref.namespace ?? ''));
}

/** selectObject selects an API object for the inspector and the action toolbar. */
function selectObject(ref: ObjectRef): void {
  useUiStore.getState().select(ref);
}

/** selectHandlers make a drawn object selectable by click, Enter or Space; inner objects win over their node. */
export function selectHandlers(ref: ObjectRef) {
  return {
    role: 'button',
    tabIndex: 0,
    onClick: (e: MouseEvent) => {
      e.stopPropagation();
      selectObject(ref);
    },
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      e.stopPropagation();
      selectObject(ref);
    },
  };
}
