import type { Container } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Code, Status } from '../framework/status';
import { makeNode, makePod, newCache, newState } from '../testing/wrappers';
import { ErrReason, nodePorts } from './nodePorts';

const ports = (...specs: string[]): Container[] => [
  {
    name: 'c',
    image: 'x',
    ports: specs.map((s) => {
      const [protocol, ip, port] = s.split('/');
      return { protocol, hostIP: ip, hostPort: Number(port), containerPort: Number(port) };
    }),
  },
];

describe('NodePorts', () => {
  it.each<{ name: string; pod: string[]; existing: string[]; fits: boolean }>([
    { name: 'nothing running', pod: ['UDP/127.0.0.1/8080'], existing: [], fits: true },
    { name: 'other port', pod: ['UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/9090'], fits: true },
    { name: 'same udp port', pod: ['UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/8080'], fits: false },
    { name: 'same tcp port', pod: ['TCP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8080'], fits: false },
    { name: 'different host ip', pod: ['TCP/127.0.0.1/8080'], existing: ['TCP/127.0.0.2/8080'], fits: true },
    { name: 'different protocol', pod: ['UDP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8080'], fits: true },
    { name: 'second udp port conflict', pod: ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/8080'], fits: false },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: ['TCP/0.0.0.0/8001', 'UDP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8001'], fits: false },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', pod: ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], existing: ['TCP/0.0.0.0/8001'], fits: false },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: ['TCP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001'], fits: false },
    { name: 'second different protocol', pod: ['UDP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001'], fits: true },
  ])('$name', ({ pod: podPorts, existing, fits }) => {
    const others = existing.length ? [makePod('e', { nodeName: 'n', containers: ports(...existing) })] : [];
    const cache = newCache([makeNode('n')], others);
    const pod = makePod('p', { containers: ports(...podPorts) });
    const state = newState(pod, cache);
    expect(nodePorts.preFilter(state)).toBeNull();
    const s = nodePorts.filter(state, pod, cache.get('n')!);
    if (fits) expect(s).toBeNull();
    else {
      expect(s?.code).toBe(Code.Unschedulable);
      expect(s?.message()).toBe(ErrReason);
    }
  });

  it('skips pods without host ports', () => {
    const pod = makePod('p');
    const r = nodePorts.preFilter(newState(pod, newCache([])));
    expect(r instanceof Status && r.isSkip()).toBe(true);
  });

  it('frees the port when the pod using it leaves the node', () => {
    const e = makePod('e', { nodeName: 'n', hostPorts: [80] });
    const cache = newCache([makeNode('n')], [e]);
    const pod = makePod('p', { hostPorts: [80] });
    expect(nodePorts.filter(newState(pod, cache), pod, cache.get('n')!)).not.toBeNull();
    cache.removePod(e);
    expect(nodePorts.filter(newState(pod, cache), pod, cache.get('n')!)).toBeNull();
  });
});
