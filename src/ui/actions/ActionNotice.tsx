import { notify, useActionStore } from './actionStore';

/** ActionNotice shows what the last action printed, kubectl-style, or the API's error message. */
export function ActionNotice() {
  const notice = useActionStore((s) => s.notice);
  if (!notice) return null;
  return (
    <div className={`action-notice${notice.error ? ' error' : ''}`} role={notice.error ? 'alert' : 'status'}>
      <pre>{notice.lines.join('\n')}</pre>
      {notice.retry && (
        <button type="button" onClick={notice.retry.run}>
          {notice.retry.label}
        </button>
      )}
      <button type="button" className="dismiss" aria-label="Dismiss" onClick={() => notify(undefined)}>
        ×
      </button>
    </div>
  );
}
