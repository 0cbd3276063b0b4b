import type { ProfileName } from '../config';
import { crashLoop, crashRestart } from './crash';
import { podAwaitDns, podComplete } from './podComplete';
import { podCreate } from './podCreate';
import { podKill, podTerminated } from './podDelete';
import { podPullBackOff, podPullDone, podPullRetry, podPullStart } from './podPull';
import { podProbe, podProbeKilled } from './podProbe';
import { podReady } from './podReady';
import { podConfigRetry, podStart } from './podStart';
import type { Stage, Timing } from './types';

/** lifecycleStages is the pod lifecycle every profile runs, in match order: deletion first. */
export const lifecycleStages: readonly Stage[] = [
  podTerminated,
  podKill,
  podCreate,
  podPullStart,
  podPullDone,
  podPullBackOff,
  podPullRetry,
  podStart,
  podConfigRetry,
  podReady,
  // A process that exits on its own is timed by podComplete; probes are run on the ones that serve.
  podComplete,
  podAwaitDns,
  podProbe,
  podProbeKilled,
  crashLoop,
  crashRestart,
];

/** Profile is a list of stages and the delays they run with. */
export interface Profile {
  name: ProfileName;
  stages: readonly Stage[];
  timing: Timing;
  /** networkReadyMs is how long a new node stays NotReady until its network plugin is up. */
  networkReadyMs: number;
}

/** profiles: "general" paces pods like a laptop kind cluster; "fast" keeps the same story at a tenth of the time. */
export const profiles: Record<ProfileName, Profile> = {
  general: {
    name: 'general',
    stages: lifecycleStages,
    timing: {
      create: { ms: 120, jitterMs: 80 },
      sandbox: { ms: 900, jitterMs: 400 },
      imageCheck: { ms: 60, jitterMs: 40 },
      pullSpeed: 1,
      start: { ms: 350, jitterMs: 200 },
      resync: { ms: 1500, jitterMs: 800 },
      kill: { ms: 60, jitterMs: 40 },
      backOffBaseMs: 10_000,
      backOffMaxMs: 300_000,
    },
    networkReadyMs: 5_000,
  },
  fast: {
    name: 'fast',
    stages: lifecycleStages,
    timing: {
      create: { ms: 20, jitterMs: 10 },
      sandbox: { ms: 90, jitterMs: 40 },
      imageCheck: { ms: 10, jitterMs: 5 },
      pullSpeed: 10,
      start: { ms: 40, jitterMs: 20 },
      resync: { ms: 150, jitterMs: 80 },
      kill: { ms: 10, jitterMs: 5 },
      backOffBaseMs: 10_000,
      backOffMaxMs: 300_000,
    },
    // Ready at registration: a thousand nodes need no not-ready taint round trip.
    networkReadyMs: 0,
  },
};
