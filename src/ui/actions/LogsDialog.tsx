import { useEffect, useState } from 'react';
import { useApiClient } from '../state/apiClientContext';
import { useActionStore, type Dialog } from './actionStore';
import { DialogFrame } from './DialogFrame';
import { followPodLogs, keepLastLines, LogTailLines, podLogs } from './podActions';
import { statusMessage } from './statusMessage';

type LogsDialogState = Extract<Dialog, { kind: 'logs' }>;

/** LogsDialog shows a container's log through the pods/log subresource; the simulated kubelet writes it. */
export function LogsDialog({ dialog }: { dialog: LogsDialogState }) {
  const client = useApiClient();
  const [log, setLog] = useState<{ text: string; error: boolean }>();
  const [refresh, setRefresh] = useState(0);
  const [follow, setFollow] = useState(false);
  useEffect(() => {
    let live = true;
    setLog(undefined);
    if (follow) {
      // kubectl logs -f: the tail, then new lines as the simulated container writes them.
      let text = '';
      const handle = followPodLogs(
        client,
        dialog.namespace,
        dialog.name,
        dialog.container,
        (chunk) => {
          text = keepLastLines(text + chunk, LogTailLines);
          if (live) setLog({ text, error: false });
        },
        (status) => live && status?.status === 'Failure' && setLog({ text: `${text}error: ${status.message}`, error: true }),
      );
      handle.catch((e: unknown) => live && setLog({ text: `error: ${statusMessage(e)}`, error: true }));
      return () => {
        live = false;
        void handle.then((h) => h.stop(), () => undefined);
      };
    }
    podLogs(client, dialog.namespace, dialog.name, dialog.container).then(
      (text) => live && setLog({ text, error: false }),
      (e: unknown) => live && setLog({ text: `error: ${statusMessage(e)}`, error: true }),
    );
    return () => {
      live = false;
    };
  }, [client, dialog.namespace, dialog.name, dialog.container, refresh, follow]);
  return (
    <DialogFrame
      title={`Logs: ${dialog.namespace}/${dialog.name}`}
      note={`Logs are simulated: the virtual kubelet writes what this image would print (last ${LogTailLines} lines).`}
    >
      <div className="dialog-controls">
        {dialog.containers.length > 1 && (
          <label>
            container{' '}
            <select value={dialog.container} onChange={(e) => useActionStore.setState({ dialog: { ...dialog, container: e.target.value } })}>
              {dialog.containers.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow (-f)
        </label>
        <button type="button" disabled={follow} onClick={() => setRefresh((n) => n + 1)}>
          Refresh
        </button>
      </div>
      <pre className={`log-text${log?.error ? ' error' : ''}`} aria-busy={!log}>
        {log ? log.text || '(no output yet)' : 'Loading…'}
      </pre>
    </DialogFrame>
  );
}
