import { describe, expect, it } from 'vitest';
import { deepCopy } from './jsonValue';
import { PatchError, PatchErrorKind } from './patchError';
import { strategicMergePatch } from './strategicMergePatch';

const podGVK = { group: '', version: 'v1', kind: 'Pod' };
const deploymentGVK = { group: 'apps', version: 'v1', kind: 'Deployment' };

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

// pod builds a frozen Pod whose spec is the given containers, as the store hands objects out.
function pod(containers: object[], extra: object = {}) {
  return deepFreeze({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web', tier: 'front' } }, spec: { containers, ...extra } });
}

function containersOf(obj: unknown): unknown {
  return (obj as { spec: { containers: unknown } }).spec.containers;
}

function patchError(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected a PatchError');
}

describe('strategicMergePatch on Pod containers', () => {
  it.each([
    {
      name: 'merging a container by name keeps the others',
      live: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }],
      patch: [{ name: 'b', image: 'b:2' }],
      want: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }],
    },
    {
      name: 'a container new to the live list goes before the live ones (mergeSortedSlice)',
      live: [{ name: 'a' }, { name: 'b' }],
      patch: [{ name: 'c', image: 'c:1' }],
      want: [{ name: 'c', image: 'c:1' }, { name: 'a' }, { name: 'b' }],
    },
    {
      name: 'patched containers take the patch order, server-only ones keep their place before them',
      live: [{ name: '1' }, { name: '2', value: 'b' }, { name: '3' }],
      patch: [{ name: '3', value: 'c' }, { name: '1', value: 'a' }],
      want: [{ name: '2', value: 'b' }, { name: '3', value: 'c' }, { name: '1', value: 'a' }],
    },
    {
      name: '$patch: delete removes every container with that name',
      live: [{ name: 'a' }, { name: 'b' }, { name: 'a', image: 'dup' }],
      patch: [{ name: 'a', $patch: 'delete' }],
      want: [{ name: 'b' }],
    },
    {
      name: '$patch: replace in a list makes the other patch elements the whole list',
      live: [{ name: 'a' }, { name: 'b' }],
      patch: [{ $patch: 'replace' }, { name: 'z', image: 'z:1' }],
      want: [{ name: 'z', image: 'z:1' }],
    },
    {
      name: 'a null field in a container removes it',
      live: [{ name: 'a', image: 'a:1', command: ['sh'] }],
      patch: [{ name: 'a', command: null }],
      want: [{ name: 'a', image: 'a:1' }],
    },
    {
      name: 'nested ports merge by containerPort and env by name',
      live: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'X', value: '1' }] }],
      patch: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }], env: [{ name: 'Y', value: '2' }] }],
      want: [
        {
          name: 'a',
          ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443 }],
          env: [{ name: 'Y', value: '2' }, { name: 'X', value: '1' }],
        },
      ],
    },
    {
      name: 'a list without a patch strategy (args) is replaced',
      live: [{ name: 'a', args: ['x', 'y'] }],
      patch: [{ name: 'a', args: ['z'] }],
      want: [{ name: 'a', args: ['z'] }],
    },
  ])('$name', ({ live, patch, want }) => {
    const out = strategicMergePatch(pod(live), { spec: { containers: patch } }, podGVK);
    expect(containersOf(out)).toEqual(want);
  });
});

// Ported from the raw cases of strategicpatch/patch_test.go (v0.32): "Current" patched with
// "ThreeWay" gives "Result", exactly, list order included.
describe('strategicMergePatch with $setElementOrder', () => {
  it.each([
    {
      name: '$setElementOrder reorders containers and adds the new one where it says',
      live: [{ name: '1', other: 'a' }, { name: '2', value: '2', other: 'b' }],
      patch: { $setElementOrder: [{ name: '4' }, { name: '1' }, { name: '2' }, { name: '3' }], list: [{ name: '4', value: '4' }, { name: '3', value: '3' }] },
      want: [{ name: '4', value: '4' }, { name: '1', other: 'a' }, { name: '2', value: '2', other: 'b' }, { name: '3', value: '3' }],
    },
    {
      name: 'server-only containers stay after the ones they followed',
      live: [{ name: '1', other: 'a' }, { name: '3', value: '3' }, { name: '4', value: '4' }, { name: '2', value: '2' }, { name: '9' }],
      patch: { $setElementOrder: [{ name: '4' }, { name: '2' }, { name: '3' }, { name: '1' }] },
      want: [{ name: '4', value: '4' }, { name: '2', value: '2' }, { name: '3', value: '3' }, { name: '1', other: 'a' }, { name: '9' }],
    },
    {
      name: 'server-only containers between patched ones keep their relative place',
      live: [{ name: '1', other: 'a' }, { name: '2', value: '2' }, { name: '7' }, { name: '9' }, { name: '8' }, { name: '3', value: '3' }, { name: '4', value: '4' }],
      patch: { $setElementOrder: [{ name: '2' }, { name: '1' }, { name: '4' }, { name: '3' }] },
      want: [
        { name: '2', value: '2' },
        { name: '1', other: 'a' },
        { name: '7' },
        { name: '9' },
        { name: '8' },
        { name: '4', value: '4' },
        { name: '3', value: '3' },
      ],
    },
    {
      name: 'duplicate names stay together at the first one',
      live: [{ name: '1' }, { name: '2', value: 'dup1' }, { name: '3' }, { name: '2', value: 'dup2' }, { name: '4' }],
      patch: { $setElementOrder: [{ name: '2' }, { name: '1' }, { name: '4' }, { name: '3' }, { name: '2' }] },
      want: [{ name: '2', value: 'dup1' }, { name: '2', value: 'dup2' }, { name: '1' }, { name: '4' }, { name: '3' }],
    },
    {
      name: 'names in $setElementOrder missing from the list are ignored',
      live: [{ name: '1' }, { name: '3' }],
      patch: { $setElementOrder: [{ name: '3' }, { name: '2' }, { name: '1' }], list: [{ name: '3', value: '3' }, { name: '1', value: '1' }] },
      want: [{ name: '3', value: '3' }, { name: '1', value: '1' }],
    },
  ])('$name', ({ live, patch, want }) => {
    const spec: Record<string, unknown> = { '$setElementOrder/containers': patch.$setElementOrder };
    if (patch.list) spec.containers = patch.list;
    const out = strategicMergePatch(pod(live), { spec }, podGVK);
    expect(containersOf(out)).toEqual(want);
  });

  it('a patch list out of $setElementOrder order is an error', () => {
    const err = patchError(() =>
      strategicMergePatch(
        pod([{ name: '1' }, { name: '3' }, { name: '2' }]),
        { spec: { '$setElementOrder/containers': [{ name: '1' }, { name: '2' }, { name: '3' }], containers: [{ name: '3' }, { name: '1' }] } },
        podGVK,
      ),
    );
    expect(err.kind).toBe(PatchErrorKind.Unknown);
    expect(err.message).toBe("The order in patch list:\n[map[name:3] map[name:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n");
  });

  // "set elements order in a int list with server-only items", on finalizers.
  it('$setElementOrder orders a primitive merge list (finalizers)', () => {
    const live = deepFreeze({ metadata: { name: 'p', finalizers: ['1', '3', '4', '2', '9'] } });
    const out = strategicMergePatch(live, { metadata: { '$setElementOrder/finalizers': ['4', '2', '3', '1'] } }, podGVK);
    expect(out).toEqual({ metadata: { name: 'p', finalizers: ['4', '2', '3', '1', '9'] } });
  });
});

describe('strategicMergePatch maps and directives', () => {
  it.each([
    { name: 'null removes a label', patch: { metadata: { labels: { tier: null } } }, want: { app: 'web' } },
    { name: 'a new label is added, the others kept', patch: { metadata: { labels: { env: 'prod' } } }, want: { app: 'web', tier: 'front', env: 'prod' } },
    { name: '$patch: replace replaces the whole map', patch: { metadata: { labels: { $patch: 'replace', env: 'prod' } } }, want: { env: 'prod' } },
    { name: '$patch: delete empties the map', patch: { metadata: { labels: { $patch: 'delete' } } }, want: {} },
  ])('$name', ({ patch, want }) => {
    const out = strategicMergePatch(pod([{ name: 'a' }]), patch, podGVK) as { metadata: { labels: unknown } };
    expect(out.metadata.labels).toEqual(want);
  });

  it('$patch: merge in a map is an unknown patch type, as upstream', () => {
    const err = patchError(() => strategicMergePatch(pod([]), { metadata: { labels: { $patch: 'merge', a: 'b' } } }, podGVK));
    expect(err.message).toBe('unknown patch type: merge in map: map[$patch:merge a:b]');
  });

  it('$patch: merge in a list element cannot yet be specified', () => {
    const err = patchError(() => strategicMergePatch(pod([{ name: 'a' }]), { spec: { containers: [{ name: 'a', $patch: 'merge' }] } }, podGVK));
    expect(err.message).toBe('merging lists cannot yet be specified in the patch');
  });

  it('finalizers are unioned and $deleteFromPrimitiveList removes from them', () => {
    const live = deepFreeze({ metadata: { name: 'p', finalizers: ['a', 'b'] } });
    const out = strategicMergePatch(live, { metadata: { finalizers: ['c', 'a'], '$deleteFromPrimitiveList/finalizers': ['b'] } }, podGVK);
    expect(out).toEqual({ metadata: { name: 'p', finalizers: ['c', 'a'] } });
  });

  it('ownerReferences merge by uid', () => {
    const live = deepFreeze({ metadata: { ownerReferences: [{ uid: 'u1', name: 'rs-1' }] } });
    const out = strategicMergePatch(live, { metadata: { ownerReferences: [{ uid: 'u2', name: 'rs-2' }] } }, podGVK);
    expect(out).toEqual({ metadata: { ownerReferences: [{ uid: 'u2', name: 'rs-2' }, { uid: 'u1', name: 'rs-1' }] } });
  });

  it('Node taints have no strategy, so the list is replaced', () => {
    const live = deepFreeze({ spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } });
    const out = strategicMergePatch(live, { spec: { taints: [{ key: 'b', effect: 'NoExecute' }] } }, { group: '', version: 'v1', kind: 'Node' });
    expect(out).toEqual({ spec: { taints: [{ key: 'b', effect: 'NoExecute' }] } });
  });

  it('Service ports merge by port', () => {
    const live = deepFreeze({ spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } });
    const out = strategicMergePatch(live, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, { group: '', version: 'v1', kind: 'Service' });
    expect(out).toEqual({ spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } });
  });

  it('PodDisruptionBudget selector has the replace strategy', () => {
    const live = deepFreeze({ spec: { selector: { matchLabels: { a: '1' } }, minAvailable: 1 } });
    const out = strategicMergePatch(live, { spec: { selector: { matchExpressions: [] } } }, { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' });
    expect(out).toEqual({ spec: { selector: { matchExpressions: [] }, minAvailable: 1 } });
  });

  it('$retainKeys clears the strategy members it does not list (apply switching to Recreate)', () => {
    const live = deepFreeze({ spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } });
    const out = strategicMergePatch(live, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, deploymentGVK);
    expect(out).toEqual({ spec: { replicas: 2, strategy: { type: 'Recreate' } } });
  });

  it('a patch member outside $retainKeys is a bad request', () => {
    const err = patchError(() => strategicMergePatch({ spec: { strategy: {} } }, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, deploymentGVK));
    expect([err.kind, err.message]).toEqual([PatchErrorKind.BadRequest, 'invalid patch format of retainKeys']);
  });

  it('a value new to the object is copied without its nulls and directives', () => {
    const out = strategicMergePatch(pod([{ name: 'a' }]), { spec: { affinity: { nodeAffinity: null, podAffinity: { $patch: 'delete' }, x: { y: 1, z: null } } } }, podGVK);
    expect((out as { spec: unknown }).spec).toEqual({ containers: [{ name: 'a' }], affinity: { x: { y: 1 } } });
  });

  it('a container missing its merge key is an error naming the map', () => {
    const err = patchError(() => strategicMergePatch(pod([{ name: 'a' }]), { spec: { containers: [{ image: 'x', ports: [] }] } }, podGVK));
    expect([err.kind, err.message]).toEqual([PatchErrorKind.Unknown, 'map: map[image:x ports:[]] does not contain declared merge key: name']);
  });

  it('a list of lists is rejected', () => {
    const err = patchError(() => strategicMergePatch({ metadata: { finalizers: ['a'] } }, { metadata: { finalizers: [['b']] } }, podGVK));
    expect(err.message).toBe('list element types are not identical: [[a] [[b]]]');
    const err2 = patchError(() => strategicMergePatch({ metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['b']] } }, podGVK));
    expect([err2.kind, err2.message]).toEqual([PatchErrorKind.Unprocessable, 'lists of lists are not supported']);
  });

  it.each([
    { name: 'an array body', body: [], message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' },
    { name: 'a string body', body: 'x', message: 'json: cannot unmarshal string into Go value of type map[string]interface {}' },
    { name: 'a malformed $deleteFromPrimitiveList key', body: { metadata: { $deleteFromPrimitiveList: ['a'] } }, message: 'invalid patch format of primitive list' },
    { name: 'a malformed $setElementOrder key', body: { spec: { $setElementOrder: [] } }, message: 'invalid patch format of setElementOrder list' },
  ])('$name is a bad request', ({ body, message }) => {
    const err = patchError(() => strategicMergePatch(pod([]), body, podGVK));
    expect([err.kind, err.message]).toEqual([PatchErrorKind.BadRequest, message]);
  });

  it('a null body changes nothing', () => {
    expect(strategicMergePatch(pod([{ name: 'a' }]), null, podGVK)).toEqual(pod([{ name: 'a' }]));
  });

  it('a kind with no tagged fields of its own still merges maps and replaces lists', () => {
    const live = deepFreeze({ data: { a: '1' }, rules: [{ verbs: ['get'] }] });
    const out = strategicMergePatch(live, { data: { b: '2' }, rules: [{ verbs: ['list'] }] }, { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role' });
    expect(out).toEqual({ data: { a: '1', b: '2' }, rules: [{ verbs: ['list'] }] });
  });
});

describe('strategicMergePatch with kubectl patches on a Deployment', () => {
  const deployment = deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"old":true}' } },
    spec: {
      replicas: 2,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.24',
              ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 8080, protocol: 'TCP' }],
              terminationMessagePath: '/dev/termination-log',
            },
            { name: 'sidecar', image: 'busybox' },
          ],
          restartPolicy: 'Always',
        },
      },
    },
  });

  it("kubectl set image's patch changes only that container's image", () => {
    const out = strategicMergePatch(deployment, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } }, deploymentGVK);
    const want = deepCopy(deployment);
    (want.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.25';
    expect(out).toEqual(want);
  });

  it("kubectl apply's patch with $setElementOrder and a port removed by $patch: delete", () => {
    const patch = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"new":true}' } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
            containers: [{ '$setElementOrder/ports': [{ containerPort: 80 }], name: 'nginx', ports: [{ $patch: 'delete', containerPort: 8080 }] }],
          },
        },
      },
    };
    const out = strategicMergePatch(deployment, patch, deploymentGVK) as typeof deployment;
    expect(out.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe('{"new":true}');
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'nginx', image: 'nginx:1.24', ports: [{ containerPort: 80, protocol: 'TCP' }], terminationMessagePath: '/dev/termination-log' },
      { name: 'sidecar', image: 'busybox' },
    ]);
  });

  it("kubectl rollout restart's annotation lands on the pod template", () => {
    const at = '2024-01-01T00:00:00Z';
    const out = strategicMergePatch(deployment, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } }, deploymentGVK) as {
      spec: { template: { metadata: unknown } };
    };
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': at } });
  });

  it('the result shares no object with the inputs', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'new', env: [{ name: 'A', value: '1' }] }] } } } };
    const out = strategicMergePatch(deployment, patch, deploymentGVK) as typeof deployment;
    const containers = out.spec.template.spec.containers as { name: string; env?: object[] }[];
    expect(Object.isFrozen(out.spec.template.spec.containers[1])).toBe(false);
    expect(containers[0].env).not.toBe(patch.spec.template.spec.containers[0].env);
    expect(deployment.spec.template.spec.containers).toHaveLength(2);
  });
});
