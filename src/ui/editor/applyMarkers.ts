import type { ApplyResult } from '../../engine/kubectl/apply/applyResult';

/** MarkerData is a Monaco marker (editor.IMarkerData) without its severity. */
export interface MarkerData {
  message: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** ApplyMarkerSource names the markers apply results put on the manifest. */
export const ApplyMarkerSource = 'kubectl apply';

/** applyMarkers turns apply results into markers on the lines of the manifest they are about. */
export function applyMarkers(results: readonly ApplyResult[]): MarkerData[] {
  return results.flatMap((r) =>
    r.markers.map((m) => ({
      message: m.message,
      source: ApplyMarkerSource,
      startLineNumber: m.range.start.line,
      startColumn: m.range.start.column,
      endLineNumber: m.range.end.line,
      endColumn: m.range.end.column,
    })),
  );
}
