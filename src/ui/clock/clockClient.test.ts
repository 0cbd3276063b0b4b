import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../engine/client/apiClient';
import type { ApiRequest, ApiResponse, ApiTransport } from '../../engine/client/transport';
import type { ClockState } from '../../hosts/shared/simRunner';
import { ClockClient } from './clockClient';

/** pendingTransport answers each request only when the test resolves it, to reorder answers. */
function pendingTransport() {
  const calls: { req: ApiRequest; answer: (r: ApiResponse) => void }[] = [];
  const transport: ApiTransport = {
    request: (req) => new Promise((answer) => calls.push({ req, answer })),
    stream: () => Promise.reject(new Error('no streams')),
    cancel: () => undefined,
  };
  return { calls, client: new ApiClient(transport) };
}

const state = (now: string, paused = false, speed = 1): ClockState => ({ now, paused, speed });

describe('ClockClient', () => {
  it('sends the clock API requests', async () => {
    const { calls, client } = pendingTransport();
    const seen: ClockState[] = [];
    const clock = new ClockClient(client, (s) => seen.push(s));
    const done = [clock.read(), clock.set({ paused: true }), clock.advance(10)];
    expect(calls.map((c) => [c.req.method, c.req.path, c.req.body])).toEqual([
      ['GET', '/playground/v1/clock', undefined],
      ['POST', '/playground/v1/clock', { paused: true }],
      ['POST', '/playground/v1/clock/advance', { seconds: 10 }],
    ]);
    calls.forEach((c, i) => c.answer({ status: 200, body: state(`t${i}`) }));
    await Promise.all(done);
    expect(seen.map((s) => s.now)).toEqual(['t0', 't1', 't2']);
  });

  it('ignores a poll that answers after a later Pause', async () => {
    const { calls, client } = pendingTransport();
    const seen: ClockState[] = [];
    const clock = new ClockClient(client, (s) => seen.push(s));
    const poll = clock.read();
    const pause = clock.set({ paused: true });
    calls[1].answer({ status: 200, body: state('t1', true) });
    calls[0].answer({ status: 200, body: state('t0', false) });
    await Promise.all([poll, pause]);
    expect(seen).toEqual([state('t1', true)]);
  });

  it('throws the Status message of a refused request', async () => {
    const { calls, client } = pendingTransport();
    const clock = new ClockClient(client, () => undefined);
    const set = clock.set({ speed: 5000 });
    calls[0].answer({ status: 400, body: { kind: 'Status', message: 'speed must be a number between 0 and 1000' } });
    await expect(set).rejects.toThrow('speed must be a number between 0 and 1000');
  });
});
