import { useActionStore } from './actionStore';
import { EndpointsDialog } from './EndpointsDialog';
import { ExecDialog } from './ExecDialog';
import { LogsDialog } from './LogsDialog';
import { ProxyDialog } from './ProxyDialog';

/** ActionDialogs shows the panel an action opened (logs, exec, endpoints, proxy), one at a time. */
export function ActionDialogs() {
  const dialog = useActionStore((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'logs':
      return <LogsDialog dialog={dialog} />;
    case 'exec':
      return <ExecDialog key={`${dialog.namespace}/${dialog.name}`} dialog={dialog} />;
    case 'proxy':
      return <ProxyDialog key={`${dialog.target}/${dialog.namespace}/${dialog.name}`} dialog={dialog} />;
    default:
      return <EndpointsDialog namespace={dialog.namespace} name={dialog.name} />;
  }
}
