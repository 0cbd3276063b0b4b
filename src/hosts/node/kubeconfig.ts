import type { ClusterCertificates } from './clusterCertificates';

/**
 * kubeconfigFor renders a kubeconfig that points kubectl at the headless API server. Over HTTPS it
 * trusts the cluster CA and authenticates as kubeadm's admin.conf does, with the kubernetes-admin
 * client certificate; over plain HTTP kubectl sends no credentials, so requests are anonymous.
 */
export function kubeconfigFor(server: string, certs?: ClusterCertificates, name = 'kube-playground'): string {
  const b64 = (pem: string) => Buffer.from(pem).toString('base64');
  const ca = certs ? `\n    certificate-authority-data: ${b64(certs.caCert)}` : '';
  const user = certs ? `\n    client-certificate-data: ${b64(certs.adminCert)}\n    client-key-data: ${b64(certs.adminKey)}` : ' {}';
  return `apiVersion: v1
kind: Config
clusters:
- name: ${name}
  cluster:
    server: ${server}${ca}
contexts:
- name: ${name}
  context:
    cluster: ${name}
    user: ${name}
    namespace: default
current-context: ${name}
users:
- name: ${name}
  user:${user}
`;
}
