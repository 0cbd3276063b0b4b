import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import { loadYaml } from '../loadYaml';

// The manifests the palette opens in the editor: valid v1.32 objects, each with a name nobody in
// the namespace uses yet (web, web-2, web-3…), small enough to read at a glance.

/** TemplateKind is a palette item that becomes YAML in the editor. */
export type TemplateKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Pod' | 'Service' | 'ConfigMap' | 'Secret' | 'Job' | 'CronJob';

/** TemplateContext is what the templates need to know about the cluster. */
export interface TemplateContext {
  namespace: string;
  /** taken lists the names of a kind already used in the namespace. */
  taken(kind: TemplateKind): ReadonlySet<string>;
  /** newestDeployment is the Deployment a new Service should select, if any. */
  newestDeployment?: Deployment;
}

/** uniqueName is base if free, else the first free base-2, base-3, … */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

const requests = { requests: { cpu: '100m', memory: '64Mi' } };
const nginx = () => ({
  name: 'nginx',
  image: 'nginx:1.27',
  ports: [{ name: 'http', containerPort: 80 }],
  resources: requests,
  readinessProbe: { httpGet: { path: '/', port: 'http' } },
});

/** labelled is the metadata of an object that carries its own name as its app label. */
const labelled = (name: string, ctx: TemplateContext) => ({ name, namespace: ctx.namespace, labels: { app: name } });

function deployment(ctx: TemplateContext): Deployment {
  const name = uniqueName('web', ctx.taken('Deployment'));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: labelled(name, ctx),
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [nginx()] } },
    },
  };
}

/** statefulSet is the Kubernetes docs' web example: nginx with a 1Gi claim per replica, from the default StorageClass. */
function statefulSet(ctx: TemplateContext): StatefulSet {
  const name = uniqueName('db', ctx.taken('StatefulSet'));
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: labelled(name, ctx),
    spec: {
      serviceName: name,
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ ...nginx(), volumeMounts: [{ name: 'data', mountPath: '/usr/share/nginx/html' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

/** daemonSet is a node agent: one pod per node, the control plane included (it tolerates its taint). */
function daemonSet(ctx: TemplateContext): DaemonSet {
  const name = uniqueName('node-agent', ctx.taken('DaemonSet'));
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: labelled(name, ctx),
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
          containers: [{ name: 'agent', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do date; sleep 60; done'], resources: requests }],
        },
      },
    },
  };
}

function pod(ctx: TemplateContext): Pod {
  const name = uniqueName('nginx', ctx.taken('Pod'));
  return { apiVersion: 'v1', kind: 'Pod', metadata: labelled(name, ctx), spec: { containers: [nginx()] } };
}

function service(ctx: TemplateContext): Service {
  const target = ctx.newestDeployment;
  const selector = target?.spec?.selector.matchLabels ?? { app: 'web' };
  const port = target?.spec?.template.spec?.containers[0]?.ports?.[0];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: uniqueName(target?.metadata?.name ?? 'web', ctx.taken('Service')), namespace: ctx.namespace },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: port?.name ?? port?.containerPort ?? 80 }],
    },
  };
}

function configMap(ctx: TemplateContext): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: uniqueName('app-config', ctx.taken('ConfigMap')), namespace: ctx.namespace },
    data: { LOG_LEVEL: 'info', 'app.properties': 'greeting=hello\nreplicas=2\n' },
  };
}

function secret(ctx: TemplateContext): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: uniqueName('app-secret', ctx.taken('Secret')), namespace: ctx.namespace },
    type: 'Opaque',
    stringData: { username: 'admin', password: 'change-me' },
  };
}

function job(ctx: TemplateContext): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: uniqueName('pi', ctx.taken('Job')), namespace: ctx.namespace },
    spec: {
      backoffLimit: 4,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }],
        },
      },
    },
  };
}

/** cronJob is the Kubernetes docs' hello example: a Job every minute. */
function cronJob(ctx: TemplateContext): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: uniqueName('hello', ctx.taken('CronJob')), namespace: ctx.namespace },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'hello', image: 'busybox:1.36', command: ['sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }],
            },
          },
        },
      },
    },
  };
}

const builders: Record<TemplateKind, (ctx: TemplateContext) => object> = {
  Deployment: deployment,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  CronJob: cronJob,
  Pod: pod,
  Service: service,
  ConfigMap: configMap,
  Secret: secret,
  Job: job,
};

/** manifestFor builds the object a palette item stands for. */
export function manifestFor(kind: TemplateKind, ctx: TemplateContext): object {
  return builders[kind](ctx);
}

/** templateYaml is the manifest as the editor shows it. */
export async function templateYaml(kind: TemplateKind, ctx: TemplateContext): Promise<string> {
  const { stringify } = await loadYaml();
  return stringify(manifestFor(kind, ctx));
}
