import type { Container, Pod } from 'kubernetes-types/core/v1';

// The static pod manifests kubeadm writes to /etc/kubernetes/manifests on a control-plane node
// (v1.32 images and the essential flags), trimmed to what `kubectl describe` shows usefully.

function component(name: string, image: string, command: string[], cpu: string, port: number, memory?: string): Pod {
  const container: Container = {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    command,
    resources: { requests: memory ? { cpu, memory } : { cpu } },
    livenessProbe: {
      httpGet: { host: '127.0.0.1', path: name === 'etcd' ? '/livez' : '/healthz', port, scheme: name === 'etcd' ? 'HTTP' : 'HTTPS' },
      initialDelaySeconds: 10,
      timeoutSeconds: 15,
      failureThreshold: 8,
      periodSeconds: 10,
    },
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system', labels: { component: name, tier: 'control-plane' } },
    spec: {
      containers: [container],
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    },
  };
}

/** controlPlaneStaticPods are etcd, kube-apiserver, kube-controller-manager and kube-scheduler of one node. */
export function controlPlaneStaticPods(nodeIP: string): Pod[] {
  return [
    component('etcd', 'registry.k8s.io/etcd:3.5.16-0', ['etcd', `--advertise-client-urls=https://${nodeIP}:2379`, '--data-dir=/var/lib/etcd'], '100m', 2381, '100Mi'),
    component(
      'kube-apiserver',
      'registry.k8s.io/kube-apiserver:v1.32.4',
      ['kube-apiserver', `--advertise-address=${nodeIP}`, '--service-cluster-ip-range=10.96.0.0/12', '--etcd-servers=https://127.0.0.1:2379'],
      '250m',
      6443,
    ),
    component(
      'kube-controller-manager',
      'registry.k8s.io/kube-controller-manager:v1.32.4',
      ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true'],
      '200m',
      10257,
    ),
    component('kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.32.4', ['kube-scheduler', '--leader-elect=true'], '100m', 10259),
  ];
}
