import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';

// Object builders for the benchmarks. Pods look like what a v1.32 cluster stores for a Deployment's
// pod (defaults, owner reference, projected service-account volume, five conditions), so that write
// and list costs reflect real object sizes rather than toy ones.

const created = '2025-01-01T00:00:00Z';
const started = '2025-01-01T00:00:02Z';

/** BenchPodOptions place a pod: its namespace, app label and, once bound, node and phase. */
export interface BenchPodOptions {
  namespace?: string;
  app?: string;
  nodeName?: string;
  running?: boolean;
  /** uid is set for objects written to the store directly; the API server assigns its own. */
  uid?: boolean;
}

/** benchPodName is the name of pod i: a ReplicaSet-style generated name. */
export function benchPodName(app: string, i: number): string {
  return `${app}-7c5ddbdf54-${i.toString(36).padStart(5, '0')}`;
}

/** benchPod builds pod i of a Deployment's ReplicaSet: pending, or bound and Running. */
export function benchPod(i: number, o: BenchPodOptions = {}): Pod {
  const app = o.app ?? 'web';
  const namespace = o.namespace ?? 'default';
  const name = benchPodName(app, i);
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${app}-7c5ddbdf54-`,
      namespace,
      uid: o.uid ? `0b6a${i.toString(16).padStart(8, '0')}-5e2c-4c1d-9f3a-2b7e1c9d4a60` : undefined,
      creationTimestamp: created,
      labels: { app, 'pod-template-hash': '7c5ddbdf54' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-7c5ddbdf54`,
          uid: '3f1e2d4c-8b7a-4c6d-9e5f-1a2b3c4d5e6f',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          imagePullPolicy: 'IfNotPresent',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { requests: { cpu: '10m', memory: '16Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: o.nodeName,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: 'kube-api-access-x7k2p',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
    },
    status: o.running ? runningStatus(i, o.nodeName ?? 'worker-1') : { phase: 'Pending', qosClass: 'Burstable' },
  };
  return pod;
}

/** runningStatus is the status a kubelet reports once the pod's container runs. */
export function runningStatus(i: number, nodeName: string): Pod['status'] {
  const podIP = `10.244.${(i >> 8) & 255}.${i & 255}`;
  const cond = (type: string) => ({ type, status: 'True', lastTransitionTime: started });
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
    hostIP: `172.18.0.${nodeName.length}`,
    hostIPs: [{ ip: `172.18.0.${nodeName.length}` }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: created,
    qosClass: 'Burstable',
    containerStatuses: [
      {
        name: 'nginx',
        image: 'docker.io/library/nginx:1.27',
        imageID: 'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
        containerID: `containerd://${i.toString(16).padStart(64, '0')}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: started } },
        lastState: {},
      },
    ],
  };
}

/** benchNode builds a Ready worker node the way its kubelet registers it. */
export function benchNode(i: number): Node {
  const name = `worker-${i + 1}`;
  const allocatable = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
      },
    },
    // A 10.64.0.0/10 cluster CIDR: room for 16,384 nodes of one /24 each.
    spec: { podCIDR: `10.${64 + (i >> 8)}.${i & 255}.0/24` },
    status: {
      allocatable,
      capacity: allocatable,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: created, lastTransitionTime: created }],
      addresses: [{ type: 'InternalIP', address: `172.18.${(i + 2) >> 8}.${(i + 2) & 255}` }, { type: 'Hostname', address: name }],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0',
        kubeProxyVersion: 'v1.32.4',
        kubeletVersion: 'v1.32.4',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '',
      },
    },
  };
}

/** benchDeployment builds an nginx Deployment with the given replica count. */
export function benchDeployment(name: string, replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
}
