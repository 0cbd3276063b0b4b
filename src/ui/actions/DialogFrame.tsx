import type { ReactNode } from 'react';
import { useActionStore } from './actionStore';

const close = () => useActionStore.setState({ dialog: undefined });

/** DialogFrame is the panel an action's output opens in; Escape or the close button dismiss it. */
export function DialogFrame({ title, note, children }: { title: string; note: string; children: ReactNode }) {
  return (
    <div
      className="action-dialog"
      role="dialog"
      aria-label={title}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <header>
        <h2>{title}</h2>
        <button type="button" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      <p className="note">{note}</p>
      {children}
    </div>
  );
}
