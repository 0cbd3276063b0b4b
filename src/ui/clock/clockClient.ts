import type { ApiClient } from '../../engine/client/apiClient';
import type { ApiRequest } from '../../engine/client/transport';
import type { ClockState } from '../../hosts/shared/simRunner';
import { playgroundRequest } from './playgroundRequest';

/** ClockPath is the engine's simulation-control path (see hosts/shared/clockApi.ts). */
export const ClockPath = '/playground/v1/clock';

/**
 * ClockClient reads and drives the simulated clock. Polls and user actions overlap, so only an
 * answer newer than the last one applied reaches onState: a slow poll cannot undo a Pause.
 */
export class ClockClient {
  private issued = 0;
  private applied = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly onState: (s: ClockState) => void,
  ) {}

  read(): Promise<void> {
    return this.call({ method: 'GET', path: ClockPath });
  }

  set(patch: { speed?: number; paused?: boolean }): Promise<void> {
    return this.call({ method: 'POST', path: ClockPath, body: patch });
  }

  advance(seconds: number): Promise<void> {
    return this.call({ method: 'POST', path: `${ClockPath}/advance`, body: { seconds } });
  }

  /** call sends req and applies the answer if it is the newest; a failure throws the Status message. */
  private async call(req: ApiRequest): Promise<void> {
    const seq = ++this.issued;
    const state = await playgroundRequest<ClockState>(this.client, req);
    if (seq < this.applied) return;
    this.applied = seq;
    this.onState(state);
  }
}
