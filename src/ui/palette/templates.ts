import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import { stringify } from 'yaml';

// The manifests the palette opens in the editor: valid v1.32 objects, each with a name nobody in
// the namespace uses yet (web, web-2, web-3…), small enough to read at a glance.

/** TemplateKind is a palette item that becomes YAML in the editor. */
export type TemplateKind = 'Deployment' | 'Pod' | 'Service' | 'ConfigMap' | 'Secret' | 'Job';

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

const builders: Record<TemplateKind, (ctx: TemplateContext) => object> = {
  Deployment: deployment,
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
export function templateYaml(kind: TemplateKind, ctx: TemplateContext): string {
  return stringify(manifestFor(kind, ctx));
}
