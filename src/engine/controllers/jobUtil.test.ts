import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { formatTime, SimEpoch } from '../sim/clock';
import { finishedCondition, isPodFailed, newBackoffRecord, remainingBackoffMs } from './jobUtil';

const at = (s: number) => formatTime(SimEpoch + s * 1000);

function pod(phase: string, finishedAtS: number, deleting = false): Pod {
  return {
    metadata: { name: 'p', uid: 'u', deletionTimestamp: deleting ? at(finishedAtS) : undefined },
    status: {
      phase,
      containerStatuses: [
        {
          name: 'c',
          image: 'i',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 1, finishedAt: at(finishedAtS) } },
        },
      ],
    },
  };
}

const job = (spec: Partial<Job['spec']> = {}): Job => ({ spec: { backoffLimit: 6, template: {}, ...spec } as Job['spec'] });

describe('remainingBackoffMs', () => {
  it.each([
    ['no failures wait nothing', 0, 0, 0],
    ['one failure waits 10s from it', 1, 4, 6_000],
    ['three failures wait 40s', 3, 0, 40_000],
    ['the wait stops at 10 minutes', 12, 0, 600_000],
    ['a wait already over is 0', 1, 30, 0],
  ])('%s', (_name, failures, sinceS, want) => {
    const rec = { failuresAfterLastSuccess: failures, lastFailureTime: failures ? SimEpoch : undefined };
    expect(remainingBackoffMs(rec, SimEpoch + sinceS * 1000)).toBe(want);
  });
});

describe('newBackoffRecord', () => {
  it('adds new failures and remembers the last one', () => {
    expect(newBackoffRecord({ failuresAfterLastSuccess: 1, lastFailureTime: 0 }, [], [pod('Failed', 5), pod('Failed', 3)])).toEqual({
      failuresAfterLastSuccess: 3,
      lastFailureTime: SimEpoch + 5000,
    });
  });
  it('counts only the failures after the last success', () => {
    expect(newBackoffRecord(undefined, [pod('Succeeded', 4)], [pod('Failed', 2), pod('Failed', 6)])).toEqual({
      failuresAfterLastSuccess: 1,
      lastFailureTime: SimEpoch + 6000,
    });
  });
});

describe('isPodFailed', () => {
  it.each([
    ['a Failed pod', pod('Failed', 0), 'TerminatingOrFailed', true],
    ['a deleted running pod under TerminatingOrFailed', pod('Running', 0, true), 'TerminatingOrFailed', true],
    ['a deleted running pod under Failed', pod('Running', 0, true), 'Failed', false],
    ['a deleted succeeded pod', pod('Succeeded', 0, true), 'TerminatingOrFailed', false],
  ])('%s: %s', (_name, p, policy, want) => {
    expect(isPodFailed(p, job({ podReplacementPolicy: policy }))).toBe(want);
  });
});

describe('finishedCondition', () => {
  it.each([
    ['nothing before backoffLimit is passed', job(), 6, {}, undefined],
    ['FailureTarget once failures pass backoffLimit', job(), 7, {}, ['FailureTarget', 'BackoffLimitExceeded']],
    [
      'FailureTarget past activeDeadlineSeconds',
      job({ activeDeadlineSeconds: 30 }),
      0,
      { startTime: at(-30) },
      ['FailureTarget', 'DeadlineExceeded'],
    ],
    [
      'Failed from a recorded FailureTarget',
      job(),
      0,
      { conditions: [{ type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'm' }] },
      ['Failed', 'BackoffLimitExceeded'],
    ],
  ])('%s', (_name, j, failed, status, want) => {
    const c = finishedCondition(j, status, failed, [], SimEpoch);
    expect(c && [c.type, c.reason]).toEqual(want);
  });
});
