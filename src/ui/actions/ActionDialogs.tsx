import { useActionStore } from './actionStore';
import { EndpointsDialog } from './EndpointsDialog';
import { LogsDialog } from './LogsDialog';

/** ActionDialogs shows the panel an action opened (logs, endpoints), one at a time. */
export function ActionDialogs() {
  const dialog = useActionStore((s) => s.dialog);
  if (!dialog) return null;
  return dialog.kind === 'logs' ? <LogsDialog dialog={dialog} /> : <EndpointsDialog namespace={dialog.namespace} name={dialog.name} />;
}
