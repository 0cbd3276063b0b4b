import { isScalar, LineCounter, parseAllDocuments, type Document, type Tags } from 'yaml';

// kubectl reads a manifest stream document by document and converts each to JSON with
// sigs.k8s.io/yaml, which is go-yaml v2: YAML 1.1 scalars (yes/no/on/off are booleans, 0777 is
// octal), duplicate keys allowed (the last one wins), timestamps and sexagesimal numbers left as
// strings. The parser options below reproduce that (!!binary stays base64 text, so every value is
// plain JSON); the YAML AST is kept for positions.

/** ManifestPosition is a 1-based line and column in the manifest text, as editors count them. */
export interface ManifestPosition {
  line: number;
  column: number;
}

/** ManifestRange is a span of the manifest text. */
export interface ManifestRange {
  start: ManifestPosition;
  end: ManifestPosition;
}

/** ManifestSyntaxError is a YAML error kubectl would refuse the stream with. */
export interface ManifestSyntaxError {
  /** message is go-yaml style: "yaml: line 4: …", the line counted from the document's start. */
  message: string;
  range: ManifestRange;
}

/** ManifestDocument is one YAML document of a manifest stream. */
export interface ManifestDocument {
  /** index counts the documents of the stream from 0. */
  index: number;
  /** object is the document as JSON; undefined for an empty document (only comments). */
  object: unknown;
  /** syntaxError is the document's first YAML error, if any. */
  syntaxError?: ManifestSyntaxError;
  /** yaml is the parsed document, for positions. */
  yaml: Document.Parsed;
  /** range spans the document's content. */
  range: ManifestRange;
}

/** Manifest is a parsed manifest stream with offset → position conversion. */
export interface Manifest {
  documents: ManifestDocument[];
  /** rangeOf converts text offsets to a range. */
  rangeOf(start: number, end: number): ManifestRange;
  /** lineRange spans a whole line (1-based), newline excluded. */
  lineRange(line: number): ManifestRange;
}

const droppedTags = new Set(['tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:binary']);
const kubectlTags = (tags: Tags): Tags =>
  tags.filter((t) => typeof t === 'string' || (!droppedTags.has(t.tag) && !('format' in t && t.format === 'TIME')));

/** parseManifest splits a manifest stream into documents and converts each to JSON as kubectl does. */
export function parseManifest(text: string): Manifest {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    customTags: kubectlTags,
    lineCounter,
  });
  const positionOf = (offset: number): ManifestPosition => {
    const p = lineCounter.linePos(Math.min(offset, text.length));
    return { line: p.line, column: p.col };
  };
  const rangeOf = (start: number, end: number): ManifestRange => ({ start: positionOf(start), end: positionOf(Math.max(start, end)) });
  const documents = (Array.isArray(docs) ? docs : []).map((yaml, index): ManifestDocument => {
    const range = rangeOf(yaml.range[0], yaml.range[1]);
    const error = yaml.errors[0];
    if (error) {
      const at = rangeOf(error.pos[0], error.pos[1]);
      // kubectl parses each document without its "---" line, so lines count from the one after it.
      const first = range.start.line + (text.startsWith('---', yaml.range[0]) ? 1 : 0);
      const line = at.start.line - first + 1;
      return { index, object: undefined, yaml, range, syntaxError: { message: `yaml: line ${line}: ${error.message}`, range: at } };
    }
    const object = isEmpty(yaml) ? undefined : yaml.toJS({ maxAliasCount: 100 });
    return { index, object, yaml, range };
  });
  const lineRange = (line: number): ManifestRange => {
    const starts = lineCounter.lineStarts;
    const start = starts[Math.min(line, starts.length) - 1] ?? 0;
    const next = starts[line];
    return rangeOf(start, next === undefined ? text.length : next - 1);
  };
  return { documents, rangeOf, lineRange };
}

// An empty document (nothing but comments) parses as a null scalar with no source.
function isEmpty(doc: Document.Parsed): boolean {
  return doc.contents === null || (isScalar(doc.contents) && doc.contents.source === '');
}
