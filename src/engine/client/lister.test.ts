import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Lister } from './lister';

const pod = (ns: string, name: string, node: string, rv: string): Pod => ({ metadata: { namespace: ns, name, resourceVersion: rv }, spec: { containers: [], nodeName: node } });

describe('Lister', () => {
  it('finds objects by namespace and by an index, following updates that move them and deletes', () => {
    const l = new Lister<Pod>();
    l.addIndexer('node', (p) => [p.spec?.nodeName ?? '']);
    l.set(pod('a', 'p1', 'n1', '1'));
    l.set(pod('a', 'p2', 'n1', '2'));
    l.set(pod('b', 'p3', 'n2', '3'));
    l.set(pod('a', 'p1', 'n1', '4'));
    expect(l.byIndex('node', 'n1').map((p) => `${p.metadata?.name}@${p.metadata?.resourceVersion}`)).toEqual(['p1@4', 'p2@2']);
    l.set(pod('a', 'p2', 'n2', '5'));
    expect(l.byIndex('node', 'n1').map((p) => p.metadata?.name)).toEqual(['p1']);
    expect(l.byIndex('node', 'n2').map((p) => p.metadata?.name)).toEqual(['p3', 'p2']);
    l.delete('a/p1');
    expect(l.byIndex('node', 'n1')).toEqual([]);
    expect(l.list('a').map((p) => p.metadata?.name)).toEqual(['p2']);
    expect(l.getByKey('b/p3')?.metadata?.resourceVersion).toBe('3');
    expect(l.size).toBe(2);
  });
});
