import type { Pod } from 'kubernetes-types/core/v1';
import { useEffect, useRef, useState } from 'react';
import type { ExecHandle } from '../../engine/client/apiClient';
import { useApiClient } from '../state/apiClientContext';
import { useClusterStore } from '../state/clusterStore';
import type { Dialog } from './actionStore';
import { DialogFrame } from './DialogFrame';
import { applyChunk, openShell, runningContainers, type ExecTranscript } from './execSession';
import { statusMessage } from './statusMessage';

type ExecDialogState = Extract<Dialog, { kind: 'exec' }>;

/**
 * ExecDialog is a shell in a pod's container through pods/exec, as `kubectl exec -it POD -- sh`
 * opens it: the server's terminal echoes, prompts and runs each line in the simulated container.
 */
export function ExecDialog({ dialog }: { dialog: ExecDialogState }) {
  const client = useApiClient();
  const pod = useClusterStore((s) => s.objects.pods[`${dialog.namespace}/${dialog.name}`]) as Pod | undefined;
  const containers = runningContainers(pod);
  const [container, setContainer] = useState(containers[0] ?? '');
  const [session, setSession] = useState(0);
  const [transcript, setTranscript] = useState<ExecTranscript>({ text: '' });
  const [line, setLine] = useState('');
  const handle = useRef<ExecHandle | undefined>(undefined);
  const screen = useRef<HTMLPreElement>(null);
  // A new session starts for another container or on Restart.
  useEffect(() => {
    if (!container) return;
    let live = true;
    setTranscript({ text: '' });
    const opened = openShell(client, dialog.namespace, dialog.name, container, (chunk) => live && setTranscript((t) => applyChunk(t, chunk)));
    opened.then(
      (h) => (handle.current = h),
      (e: unknown) => live && setTranscript({ text: '', ended: { error: statusMessage(e) } }),
    );
    return () => {
      live = false;
      void opened.then((h) => h.stop(), () => undefined);
    };
  }, [client, dialog.namespace, dialog.name, container, session]);
  // A block body: scrollTo returns a promise in newer browsers, which an effect must not return.
  useEffect(() => {
    screen.current?.scrollTo(0, screen.current.scrollHeight);
  }, [transcript.text]);
  const ended = transcript.ended;
  return (
    <DialogFrame title={`Exec: ${dialog.namespace}/${dialog.name}`} note="kubectl exec -it … -- sh: each line runs in the simulated container, which knows a shell's common commands, its files and the cluster's DNS and Services.">
      <div className="dialog-controls">
        {containers.length > 1 && (
          <label>
            container{' '}
            <select value={container} onChange={(e) => setContainer(e.target.value)}>
              {containers.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        <button type="button" disabled={!!ended} onClick={() => handle.current?.send('\x03')}>
          Ctrl-C
        </button>
        <button type="button" onClick={() => setSession((n) => n + 1)}>
          Restart
        </button>
      </div>
      <pre ref={screen} className="log-text" data-testid="exec-screen">
        {containers.length === 0 ? 'No running container to exec into.' : transcript.text}
        {ended && ('code' in ended ? `\n[session ended: exit code ${ended.code}]` : `\nerror: ${ended.error}`)}
      </pre>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          handle.current?.send(`${line}\r`);
          setLine('');
        }}
      >
        <input aria-label="Command" value={line} disabled={!!ended || containers.length === 0} onChange={(e) => setLine(e.target.value)} spellCheck={false} autoFocus />
      </form>
    </DialogFrame>
  );
}
