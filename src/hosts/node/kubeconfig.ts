/** kubeconfigFor renders a kubeconfig that points kubectl at the headless API server (no auth). */
export function kubeconfigFor(server: string, name = 'kube-playground'): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${name}
  cluster:
    server: ${server}
contexts:
- name: ${name}
  context:
    cluster: ${name}
    user: ${name}
    namespace: default
current-context: ${name}
users:
- name: ${name}
  user: {}
`;
}
