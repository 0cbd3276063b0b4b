import type { Node } from 'kubernetes-types/core/v1';
import { ageColumn, column, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import { none } from './format';
import type { Printer } from './types';

// The node printer of pkg/printers/internalversion/printers.go (v1.32).

/** labelNodeRolePrefix marks a role label: node-role.kubernetes.io/<role>="" . */
export const labelNodeRolePrefix = 'node-role.kubernetes.io/';
/** nodeLabelRole is the legacy role label: kubernetes.io/role=<role>. */
export const nodeLabelRole = 'kubernetes.io/role';

/** findNodeRoles returns the sorted, distinct roles named by a node's labels. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  const labels = node.metadata?.labels ?? {};
  for (const k of Object.keys(labels)) {
    if (k.startsWith(labelNodeRolePrefix)) {
      const role = k.slice(labelNodeRolePrefix.length);
      if (role.length > 0) roles.add(role);
    } else if (k === nodeLabelRole && labels[k] !== '') {
      roles.add(labels[k]);
    }
  }
  return [...roles].sort();
}

/** nodeStatus is the STATUS cell: Ready, NotReady or Unknown, plus ",SchedulingDisabled" when cordoned. */
export function nodeStatus(node: Node): string {
  // Only the Ready condition counts (NodeAllConditions upstream); the last one of that type wins.
  let status = 'Unknown';
  for (const c of node.status?.conditions ?? []) {
    if (c.type === 'Ready') status = c.status === 'True' ? 'Ready' : 'NotReady';
  }
  return node.spec?.unschedulable ? `${status},SchedulingDisabled` : status;
}

function nodeAddress(node: Node, type: string): string {
  for (const a of node.status?.addresses ?? []) if (a.type === type) return a.address;
  return none;
}

/** nodePrinter: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: Printer<Node> = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', docs.nodeKubeletVersion),
    wideColumn('Internal-IP', 'string', docs.nodeAddresses),
    wideColumn('External-IP', 'string', docs.nodeAddresses),
    wideColumn('OS-Image', 'string', docs.nodeOSImage),
    wideColumn('Kernel-Version', 'string', docs.nodeKernelVersion),
    wideColumn('Container-Runtime', 'string', docs.nodeContainerRuntimeVersion),
  ],
  cells(node, now) {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      findNodeRoles(node).join(',') || none,
      translateTimestampSince(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
