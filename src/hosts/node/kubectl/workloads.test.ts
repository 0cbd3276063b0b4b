import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startHarness, type Harness } from './kubectlHarness';

// Real kubectl v1.32 against the headless server for the workload controllers beyond Deployments:
// StatefulSet and DaemonSet rollouts (ControllerRevisions), CronJob, volumes from the default
// StorageClass, HPAs without a metrics API, pod anti-affinity and ResourceQuota.

const statefulSet = `apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 80, name: web}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts: [{name: data, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: 'busybox:1.36', command: [sleep, '3600']}]
`;

const spread = `apiVersion: apps/v1
kind: Deployment
metadata: {name: spread}
spec:
  replicas: 4
  selector: {matchLabels: {app: spread}}
  template:
    metadata: {labels: {app: spread}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {app: spread}}
            topologyKey: kubernetes.io/hostname
      containers: [{name: nginx, image: 'nginx:1.27'}]
`;

describe.skipIf(!kubectlPath)('real kubectl v1.32: StatefulSets, DaemonSets, CronJobs, volumes, HPAs, affinity, quotas', () => {
  let h: Harness;
  const k = (...args: string[]) => h.run(...args);
  const apply = async (manifest: string) => {
    const r = await h.kubectl(['apply', '-f', '-'], manifest);
    if (r.code !== 0) throw new Error(`kubectl apply failed: ${r.stderr}`);
    return r.stdout;
  };
  // A DaemonSet "successfully rolled out"; a StatefulSet (partition defaulted to 0) reports a "partitioned roll out complete".
  const rolledOut = (ref: string) => async () => /successfully rolled out|partitioned roll out complete/.test((await h.kubectl(['rollout', 'status', ref, '--watch=false'])).stdout);
  const jsonpath = (path: string, ...rest: string[]) => k('get', ...rest, '-o', `jsonpath=${path}`);

  beforeAll(async () => {
    h = await startHarness();
    await h.advance(5);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs a StatefulSet with bound claims, rolls it and rolls it back', async () => {
    expect(await apply(statefulSet)).toBe('service/db created\nstatefulset.apps/db created\n');
    await h.until(rolledOut('statefulset/db'));
    expect(await jsonpath('{.items[*].metadata.name}', 'pods', '-l', 'app=db')).toBe('db-0 db-1');
    expect(await jsonpath('{.items[*].status.phase}', 'pvc')).toBe('Bound Bound');
    expect(await jsonpath('{.items[*].spec.storageClassName}', 'pv')).toBe('standard standard');
    expect(await k('set', 'image', 'statefulset/db', 'nginx=registry.k8s.io/nginx-slim:0.27')).toBe('statefulset.apps/db image updated\n');
    await h.until(rolledOut('statefulset/db'));
    expect(await k('rollout', 'history', 'statefulset/db')).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    expect(await k('rollout', 'undo', 'statefulset/db')).toBe('statefulset.apps/db rolled back\n');
    await h.until(async () => (await jsonpath('{.items[*].spec.containers[0].image}', 'pods', '-l', 'app=db')) === 'registry.k8s.io/nginx-slim:0.24 registry.k8s.io/nginx-slim:0.24');
  });

  it('runs a DaemonSet on every worker, not on the tainted control plane, and rolls it', async () => {
    await apply(daemonSet);
    await h.until(rolledOut('daemonset/agent'));
    const nodes = (await jsonpath('{.items[*].spec.nodeName}', 'pods', '-l', 'app=agent')).split(' ').sort();
    expect(nodes).toEqual(['worker-1', 'worker-2', 'worker-3']);
    await k('set', 'image', 'daemonset/agent', 'agent=busybox:1.37');
    await h.until(rolledOut('daemonset/agent'));
    expect((await k('get', 'controllerrevisions', '-l', 'app=agent', '--no-headers')).trim().split('\n')).toHaveLength(2);
  });

  it('starts a Job a minute from a CronJob', async () => {
    expect(await k('create', 'cronjob', 'tick', '--image=busybox:1.36', '--schedule=* * * * *', '--', 'echo', 'tick')).toBe('cronjob.batch/tick created\n');
    await h.advance(130);
    const jobs = (await jsonpath('{.items[*].metadata.name}', 'jobs')).split(' ').filter((n) => n.startsWith('tick-'));
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    expect(jobs.every((n) => /^tick-\d+$/.test(n))).toBe(true);
    expect(await jsonpath('{.status.lastScheduleTime}', 'cronjob', 'tick')).toMatch(/:00Z$/);
  });

  it('describes an HPA as a cluster without metrics-server does', async () => {
    await k('create', 'deployment', 'php', '--image=registry.k8s.io/hpa-example', '--replicas=1');
    expect(await k('autoscale', 'deployment', 'php', '--cpu-percent=50', '--min=2', '--max=5')).toBe('horizontalpodautoscaler.autoscaling/php autoscaled\n');
    await h.advance(35);
    expect(await jsonpath('{.spec.replicas}', 'deployment', 'php')).toBe('2');
    const table = await k('get', 'hpa', 'php');
    expect(table).toMatch(/^php\s+Deployment\/php\s+cpu: <unknown>\/50%\s+2\s+5\s+2\s/m);
    const described = await k('describe', 'hpa', 'php');
    expect(described).toContain('ScalingActive  False   FailedGetResourceMetric');
    expect(described).toContain('New size: 2; reason: Current number of replicas below Spec.MinReplicas');
  });

  it('keeps the fourth replica of a hostname anti-affine Deployment Pending with the v1.32 message', async () => {
    await apply(spread);
    await h.advance(20);
    const events = await k('get', 'events', '--field-selector', 'reason=FailedScheduling', '-o', 'jsonpath={.items[*].message}');
    expect(events).toContain(
      "3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
    expect((await jsonpath('{.items[*].status.phase}', 'pods', '-l', 'app=spread')).split(' ').sort()).toEqual(['Pending', 'Running', 'Running', 'Running']);
  });

  it('refuses a pod over a ResourceQuota with the API server message', async () => {
    await k('create', 'namespace', 'tight');
    await k('create', 'quota', 'pods', '--hard=pods=1', '-n', 'tight');
    await h.advance(5);
    await k('run', 'one', '--image=nginx:1.27', '-n', 'tight');
    const r = await h.kubectl(['run', 'two', '--image=nginx:1.27', '-n', 'tight']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe('Error from server (Forbidden): pods "two" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1\n');
  });
});
