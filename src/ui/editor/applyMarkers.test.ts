import { describe, expect, it } from 'vitest';
import { applyMarkers, ApplyMarkerSource } from './applyMarkers';

describe('applyMarkers', () => {
  it('puts each marker of each result on its range, and none for successes', () => {
    const range = { start: { line: 9, column: 3 }, end: { line: 9, column: 15 } };
    const markers = applyMarkers([
      { document: 0, message: 'deployment.apps/web created', operation: 'created', markers: [], warnings: [] },
      { document: 1, message: 'The Deployment "bad" is invalid: …', markers: [{ message: 'spec.replicas: Invalid value: -1', range }], warnings: [] },
    ]);
    expect(markers).toEqual([
      { message: 'spec.replicas: Invalid value: -1', source: ApplyMarkerSource, startLineNumber: 9, startColumn: 3, endLineNumber: 9, endColumn: 15 },
    ]);
  });
});
