import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';

describe('parseManifest', () => {
  it('reads YAML 1.1 scalars as kubectl (go-yaml v2) does', () => {
    const [doc] = parseManifest('a: yes\nb: off\nc: 0777\nd: 2001-12-14\ne: 1:20\nf: 1_000\ng: ~\n').documents;
    expect(doc.object).toEqual({ a: true, b: false, c: 511, d: '2001-12-14', e: '1:20', f: 1000, g: null });
  });

  it('lets the last of duplicate keys win', () => {
    expect(parseManifest('name: a\nname: b\n').documents[0].object).toEqual({ name: 'b' });
  });

  it('skips documents with nothing but comments and keeps document ranges', () => {
    const m = parseManifest('# only a comment\n---\nkind: A\n---\n---\nkind: B\n');
    expect(m.documents.map((d) => d.object)).toEqual([{ kind: 'A' }, undefined, { kind: 'B' }]);
    expect(m.documents[2].range.start.line).toBe(5);
  });

  it('reports a YAML error at its position, counting lines from the document start as kubectl does', () => {
    const m = parseManifest('kind: A\n---\nkind: B\nmetadata:\n  name: x\n bad: 1\n');
    const err = m.documents[1].syntaxError;
    expect(err?.message).toMatch(/^yaml: line 4: /);
    expect(err?.range.start).toEqual({ line: 6, column: 1 });
    expect(m.documents[1].object).toBeUndefined();
  });

  it('gives whole-line ranges', () => {
    expect(parseManifest('a: 1\nbb: 22\n').lineRange(2)).toEqual({ start: { line: 2, column: 1 }, end: { line: 2, column: 7 } });
  });
});
