import type { ApplyResult } from '../../engine/kubectl/apply/applyResult';

/** ApplyResults lists what an apply did, per document, in kubectl's words; an error links to its line. */
export function ApplyResults({ results, onReveal }: { results: readonly ApplyResult[]; onReveal(line: number): void }) {
  return (
    <ol className="apply-results" aria-label="Apply results">
      {results.map((r, i) => {
        const line = r.markers[0]?.range.start.line;
        return (
          <li key={i} data-outcome={r.operation ?? 'error'}>
            {r.document !== undefined && <span className="apply-result-document">document {r.document + 1}</span>}
            <pre className="apply-result-message">{r.message}</pre>
            {r.warnings.map((w, j) => (
              <pre key={j} className="apply-result-warning">
                {w}
              </pre>
            ))}
            {line !== undefined && (
              <button type="button" className="apply-result-line" onClick={() => onReveal(line)}>
                line {line}
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
