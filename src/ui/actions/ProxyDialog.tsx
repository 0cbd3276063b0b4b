import type { Pod, Service } from 'kubernetes-types/core/v1';
import { useEffect, useState } from 'react';
import { useApiClient } from '../state/apiClientContext';
import { useClusterStore } from '../state/clusterStore';
import type { Dialog } from './actionStore';
import { DialogFrame } from './DialogFrame';
import { proxyPath, proxyPorts, requestThroughProxy, type ProxyAnswer } from './proxyRequest';
import { statusMessage } from './statusMessage';

type ProxyDialogState = Extract<Dialog, { kind: 'proxy' }>;

/**
 * ProxyDialog sends a GET through the API server's proxy to a Service or a pod, as
 * `kubectl get --raw …/proxy/` does, and shows the answer as text: its status, headers and body.
 */
export function ProxyDialog({ dialog }: { dialog: ProxyDialogState }) {
  const client = useApiClient();
  const obj = useClusterStore((s) => s.objects[dialog.target][`${dialog.namespace}/${dialog.name}`]) as Service | Pod | undefined;
  const ports = proxyPorts(dialog.target, obj);
  const [port, setPort] = useState(ports[0] ?? '');
  const [path, setPath] = useState('/');
  // A request goes out when the panel opens and on Send, not on every keystroke in the path.
  const [sent, setSent] = useState({ port, path: '/' });
  const [answer, setAnswer] = useState<ProxyAnswer | { failed: string }>();
  useEffect(() => {
    let live = true;
    setAnswer(undefined);
    requestThroughProxy(client, dialog.target, dialog.namespace, dialog.name, sent.port, sent.path).then(
      (a) => live && setAnswer(a),
      (e: unknown) => live && setAnswer({ failed: statusMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, dialog.target, dialog.namespace, dialog.name, sent]);
  return (
    <DialogFrame
      title={`Proxy: ${dialog.target === 'services' ? 'service' : 'pod'}/${dialog.name}`}
      note="Through the API server's proxy subresource, as kubectl proxy and get --raw reach it. The answer comes from the simulated process listening on that port."
    >
      <form
        className="dialog-controls"
        onSubmit={(e) => {
          e.preventDefault();
          setSent({ port, path });
        }}
      >
        {ports.length > 0 && (
          <label>
            port{' '}
            <select value={port} onChange={(e) => setPort(e.target.value)}>
              {ports.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          path <input value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit">Send</button>
      </form>
      <p className="note">GET {decodeURIComponent(proxyPath(dialog.target, dialog.namespace, dialog.name, sent.port, sent.path))}</p>
      <pre className={`log-text${answer && ('failed' in answer || answer.apiError) ? ' error' : ''}`} aria-busy={!answer} data-testid="proxy-answer">
        {answer ? renderAnswer(answer) : 'Loading…'}
      </pre>
    </DialogFrame>
  );
}

function renderAnswer(a: ProxyAnswer | { failed: string }): string {
  if ('failed' in a) return `error: ${a.failed}`;
  const head = [`HTTP ${a.status}`, ...a.headers.map(([k, v]) => `${k}: ${v}`)].join('\n');
  return a.apiError ? `${head}\n\nError from server: ${a.apiError}` : `${head}\n\n${a.body}`;
}
