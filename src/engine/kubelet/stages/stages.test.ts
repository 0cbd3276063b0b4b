import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseTime } from '../../sim/clock';
import { imageInfo } from '../images';
import { newContainerRuntimes, Step, type ContainerRuntime, type PodRuntime } from '../runtime';
import { lifecycleStages, profiles } from './profiles';
import type { NodeEnv } from './types';

// KWOK-style golden files: testdata/<case>.input.yaml names a stage, the time, the node, a pod and
// the kubelet's runtime record; <case>.output.yaml is what the stage decides. UPDATE_GOLDEN=1
// rewrites the outputs.

interface GoldenInput {
  stage: string;
  container?: string;
  now: string;
  imagesPresent?: string[];
  pullQueueFreeAt?: string;
  /** objects are the ConfigMaps and Secrets (decoded data) of the pod's namespace by "Kind/name"; others do not exist. */
  objects?: Record<string, Record<string, string>>;
  pod: Pod;
  runtime?: Partial<Omit<PodRuntime, 'containers' | 'stopping'>> & {
    containers?: (Partial<ContainerRuntime> & { name: string; since?: number | string })[];
    sandboxReadyAt?: number | string;
    mountRetryAt?: number | string;
    stopping?: { since: string; durationMs: number; killed: boolean };
  };
}

const dir = fileURLToPath(new URL('./testdata', import.meta.url));
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.input.yaml'))
  .map((f) => f.slice(0, -'.input.yaml'.length))
  .sort();

const time = (v: number | string | undefined, fallback: number) => (typeof v === 'string' ? parseTime(v) : (v ?? fallback));

function runtimeOf(input: GoldenInput, now: number): PodRuntime {
  const r = input.runtime ?? {};
  const base = newContainerRuntimes(input.pod, now);
  const containers = base.map((c) => {
    const o = r.containers?.find((x) => x.name === c.name);
    return o ? { ...c, ...o, since: time(o.since, now) } : c;
  });
  const rt: PodRuntime = {
    uid: input.pod.metadata?.uid ?? '',
    hostIP: '172.18.0.3',
    podIP: '10.244.1.7',
    created: r.created ?? true,
    containers,
    status: r.status ?? input.pod.status ?? {},
  };
  if (r.sandboxReadyAt !== undefined) rt.sandboxReadyAt = time(r.sandboxReadyAt, now);
  if (r.mountRetryAt !== undefined) rt.mountRetryAt = time(r.mountRetryAt, now);
  if (r.mountFailures !== undefined) rt.mountFailures = r.mountFailures;
  if (r.stopping) rt.stopping = { ...r.stopping, since: parseTime(r.stopping.since) };
  return rt;
}

function run(input: GoldenInput): unknown {
  const now = parseTime(input.now);
  const stage = lifecycleStages.find((s) => s.name === input.stage);
  if (!stage) throw new Error(`no stage ${input.stage}`);
  const present = new Set((input.imagesPresent ?? []).map((i) => imageInfo(i).name));
  const env: NodeEnv = {
    nodeName: 'worker-1',
    imagePresent: (image) => present.has(imageInfo(image).name),
    pullQueueFreeAt: input.pullQueueFreeAt ? parseTime(input.pullQueueFreeAt) : 0,
    clusterView: (_namespace, startMs) => ({ objects: (kind, name) => input.objects?.[`${kind}/${name}`] ?? null, services: () => null, serviceIP: () => undefined, startMs, allocatable: { cpu: '4', memory: '8Gi', 'ephemeral-storage': '100Gi' } }),
    timing: profiles.general.timing,
  };
  const rt = runtimeOf(input, now);
  if (stage.scope === 'pod') {
    if (!stage.match(input.pod, rt)) return { matched: false };
    return summarize(rt, stage.delay(input.pod, rt, env, now), stage.next(input.pod, rt, now, env));
  }
  const c = rt.containers.find((x) => x.name === input.container);
  if (!c) throw new Error(`no container ${input.container}`);
  if (!stage.match(input.pod, rt, c)) return { matched: false };
  return summarize(rt, stage.delay(input.pod, rt, c, env, now), stage.next(input.pod, rt, c, now, env));
}

function summarize(before: PodRuntime, delay: unknown, r: ReturnType<(typeof lifecycleStages)[number]['next']>): unknown {
  const steps = (rt: PodRuntime) => Object.fromEntries(rt.containers.map((c) => [c.name, `${c.step}${c.restarts ? ` (restarts ${c.restarts})` : ''}`]));
  return {
    matched: true,
    delay,
    containers: steps(r.runtime),
    ...(r.runtime.stopping ? { stopping: r.runtime.stopping } : {}),
    ...(r.runtime.mountRetryAt !== before.mountRetryAt ? { mountFailures: r.runtime.mountFailures, mountRetryAt: new Date(r.runtime.mountRetryAt!).toISOString() } : {}),
    events: r.events ?? [],
    ...(r.pulled ? { pulled: r.pulled } : {}),
    ...(r.deletePod ? { deletePod: true } : {}),
    statusChanged: r.runtime.status !== before.status,
    status: r.runtime.status,
  };
}

describe('stages (golden files)', () => {
  it('has golden cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('%s', (name) => {
    const input = parse(readFileSync(join(dir, `${name}.input.yaml`), 'utf8')) as GoldenInput;
    const got = stringify(run(input), { lineWidth: 0 });
    const outFile = join(dir, `${name}.output.yaml`);
    if (process.env.UPDATE_GOLDEN) writeFileSync(outFile, got);
    expect(existsSync(outFile), `${outFile} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(got).toBe(readFileSync(outFile, 'utf8'));
  });
});

describe('profiles', () => {
  it('runs deletion before everything else, so a deleted pod never starts another container', () => {
    expect(lifecycleStages.slice(0, 2).map((s) => s.name)).toEqual(['pod-terminated', 'pod-kill']);
  });
  it('keeps every container step reachable by some stage', () => {
    const pod: Pod = { metadata: { uid: 'u' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } };
    const rt: PodRuntime = { uid: 'u', hostIP: '', podIP: '', created: true, sandboxReadyAt: 0, containers: [], status: { phase: 'Running' } };
    const handled = Object.values(Step).filter((step) => {
      const c = { ...newContainerRuntimes(pod, 0)[0], step, runMs: 1000 };
      return lifecycleStages.some((s) => s.scope === 'container' && s.match(pod, { ...rt, containers: [c] }, c));
    });
    expect(handled.sort()).toEqual(Object.values(Step).filter((s) => s !== Step.Done).sort());
  });
});
