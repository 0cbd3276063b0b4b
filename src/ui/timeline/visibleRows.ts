/** VisibleRows is the slice of a long list that a scrolled viewport shows. */
export interface VisibleRows {
  start: number;
  end: number;
  /** offset is where the first rendered row sits, in px from the top of the list. */
  offset: number;
}

/**
 * visibleRows picks the rows of a fixed-height list that intersect the viewport, plus overscan rows
 * either side so that fast scrolling does not flash blank rows.
 */
export function visibleRows(count: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 4): VisibleRows {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(viewportHeight / rowHeight) + overscan);
  return { start, end: Math.max(start, end), offset: start * rowHeight };
}
