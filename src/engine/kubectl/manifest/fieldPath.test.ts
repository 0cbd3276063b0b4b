import { describe, expect, it } from 'vitest';
import { parseAllDocuments, type Document } from 'yaml';
import { locateField, parseFieldPath } from './fieldPath';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: -1
  template:
    spec:
      containers:
      - name: a
        image: nginx
      - name: b
        image: ""
`;

const doc = parseAllDocuments(deployment)[0] as Document.Parsed;
const text = (path: string) => {
  const loc = locateField(doc, parseFieldPath(path));
  return loc && { text: deployment.slice(loc.start, loc.end), exact: loc.exact };
};

describe('parseFieldPath', () => {
  it.each([
    ['spec.template.spec.containers[0].image', [{ name: 'spec' }, { name: 'template' }, { name: 'spec' }, { name: 'containers' }, { index: 0 }, { name: 'image' }]],
    ['metadata.labels[app.kubernetes.io/name]', [{ name: 'metadata' }, { name: 'labels' }, { name: 'app.kubernetes.io/name' }]],
    ['spec.ports[0]', [{ name: 'spec' }, { name: 'ports' }, { index: 0 }]],
  ])('%s', (path, steps) => {
    expect(parseFieldPath(path)).toEqual(steps);
  });
});

describe('locateField', () => {
  it.each([
    ['spec.replicas', 'replicas: -1', true],
    ['spec.template.spec.containers[1].image', 'image: ""', true],
    ['metadata.labels[app.kubernetes.io/name]', 'app.kubernetes.io/name: web', true],
    ['spec.template', 'template', true],
    ['spec.template.spec.containers[1]', '', true],
    // Go's decode errors print paths without indices: the first element with the field is taken.
    ['spec.template.spec.containers.image', 'image: nginx', true],
    // A field the document does not have: its deepest ancestor that exists.
    ['spec.selector', 'spec', false],
    ['spec.template.spec.containers[5].image', 'containers', false],
  ])('%s → %j', (path, expected, exact) => {
    expect(text(path)).toEqual({ text: expected, exact });
  });
});
