import type { ContainerView } from '../viewModel';

/** MaxChips is how many containers fit on a chip; more are counted. */
const MaxChips = 6;
const kindLabel = { init: 'init container', sidecar: 'sidecar (init container with restartPolicy: Always)', app: 'container' } as const;

/** ContainerChips draws a pod's containers: init containers, sidecars and app containers told apart. */
export function ContainerChips({ containers }: { containers: readonly ContainerView[] }) {
  return (
    <span className="containers">
      {containers.slice(0, MaxChips).map((c) => (
        <span
          key={`${c.kind}/${c.name}`}
          className={`container kind-${c.kind} state-${c.state}${c.ready ? ' ready' : ''}`}
          title={`${kindLabel[c.kind]} ${c.name}: ${c.reason ?? c.state}${c.ready ? ', ready' : ''}${c.restarts ? `, ${c.restarts} restarts` : ''}`}
        />
      ))}
      {containers.length > MaxChips && <span className="containers-more">+{containers.length - MaxChips}</span>}
    </span>
  );
}
