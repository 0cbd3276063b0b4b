import { useEffect, useId, useMemo, useState } from 'react';
import { useApiClient } from '../state/apiClientContext';
import { selectClock, useClusterStore } from '../state/clusterStore';
import { ClockClient } from './clockClient';
import { formatSimTime, formatSpeed, speedOptions, stepChoices } from './clockFormat';
import { NamespaceFilter } from './NamespaceFilter';
import './clock.css';

/** pollMs reads the clock four times a second: enough for a seconds display at 1×. */
const pollMs = 250;

/**
 * ClockControls shows the simulated clock and drives it: pause or play, step ahead while paused,
 * change speed. The clock lives in the engine; the page polls it into useClusterStore.clock.
 */
export function ClockControls() {
  const client = useApiClient();
  const clock = useClusterStore(selectClock);
  const [step, setStep] = useState<number>(stepChoices[0]);
  const [error, setError] = useState<string>();
  const id = useId();
  const clockClient = useMemo(() => new ClockClient(client, (s) => useClusterStore.setState({ clock: s })), [client]);

  const act = (p: Promise<void>) => p.then(() => setError(undefined), (e: unknown) => setError((e as Error).message));
  useEffect(() => {
    let inFlight = false;
    const poll = () => {
      if (inFlight) return;
      inFlight = true;
      void act(clockClient.read()).finally(() => (inFlight = false));
    };
    poll();
    const handle = setInterval(poll, pollMs);
    return () => clearInterval(handle);
  }, [clockClient]);

  const paused = clock?.paused ?? false;
  return (
    <div className="clock-controls" role="group" aria-label="Simulation clock">
      <div
        className="sim-clock"
        data-testid="sim-clock"
        data-now={clock?.now ?? ''}
        data-paused={String(paused)}
        data-speed={clock?.speed ?? ''}
        title="Simulated time: the cluster's clock, not yours"
      >
        <span className="sim-clock-label">Simulated time</span>
        <time dateTime={clock?.now}>{clock ? `${formatSimTime(clock.now)} UTC` : '…'}</time>
        {paused && <span className="sim-clock-paused">paused</span>}
      </div>
      <button type="button" onClick={() => act(clockClient.set({ paused: !paused }))} disabled={!clock}>
        {paused ? 'Play' : 'Pause'}
      </button>
      <button type="button" onClick={() => act(clockClient.advance(step))} disabled={!clock} title={`Advance simulated time by ${step}s`}>
        Step
      </button>
      <span className="clock-field">
        <label htmlFor={`${id}-step`}>Step size</label>
        <select id={`${id}-step`} value={step} onChange={(e) => setStep(Number(e.target.value))}>
          {stepChoices.map((s) => (
            <option key={s} value={s}>
              {s}s
            </option>
          ))}
        </select>
      </span>
      <span className="clock-field">
        <label htmlFor={`${id}-speed`}>Speed</label>
        <select id={`${id}-speed`} value={clock?.speed ?? 1} onChange={(e) => act(clockClient.set({ speed: Number(e.target.value) }))} disabled={!clock}>
          {speedOptions(clock?.speed).map((s) => (
            <option key={s} value={s}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </span>
      <NamespaceFilter />
      {error && (
        <span className="clock-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
