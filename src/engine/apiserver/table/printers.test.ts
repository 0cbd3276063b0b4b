import { describe, expect, it } from 'vitest';
import { allResources } from '../registry/resources';
import { isReview } from '../reviews/reviews';
import { defaultPrinter } from './defaultTable';
import { parseResource, printerFor, tableColumnsFor } from './printers';

// Upstream serves these with rest.NewDefaultTableConvertor (or, for bindings and the reviews, no list at all).
const defaultTableResources = new Set(['roles', 'clusterroles', 'limitranges', 'bindings', ...allResources.filter(isReview).map((r) => r.resource)]);

describe('printerFor', () => {
  it.each(allResources.map((r) => [r.group === '' ? r.resource : `${r.resource}.${r.group}`, r.group, r.resource] as const))(
    '%s has the expected printer',
    (_, group, resource) => {
      const printer = printerFor(group, resource);
      if (defaultTableResources.has(resource)) expect(printer).toBe(defaultPrinter);
      else expect(printer).not.toBe(defaultPrinter);
    },
  );

  it('treats "core" as the core group and falls back to the default table', () => {
    expect(printerFor('core', 'pods')).toBe(printerFor('', 'pods'));
    expect(printerFor('example.com', 'widgets')).toBe(defaultPrinter);
  });
});

describe('tableColumnsFor', () => {
  it('lists every column with its priority', () => {
    expect(tableColumnsFor('', 'services').map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Type:0', 'Cluster-IP:0', 'External-IP:0', 'Port(s):0', 'Age:0', 'Selector:1',
    ]);
    expect(tableColumnsFor('autoscaling', 'horizontalpodautoscalers').map((c) => c.name)).toEqual([
      'Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age',
    ]);
  });

  it('returns a copy callers may change', () => {
    tableColumnsFor('', 'pods').pop();
    expect(tableColumnsFor('', 'pods')).toHaveLength(9);
  });
});

describe('parseResource', () => {
  it.each([
    ['core/pods', '', 'pods'],
    ['apps/deployments', 'apps', 'deployments'],
    ['pods', '', 'pods'],
    ['ingresses.networking.k8s.io', 'networking.k8s.io', 'ingresses'],
  ])('parses %s', (input, group, resource) => {
    expect(parseResource(input)).toEqual({ group, resource });
  });
});
