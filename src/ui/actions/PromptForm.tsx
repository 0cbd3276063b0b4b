import { useState } from 'react';
import { useApiClient } from '../state/apiClientContext';
import { useActionStore, type Prompt } from './actionStore';
import { submitPrompt } from './performAction';

const labels = { scale: 'replicas', setImage: 'container=image' } as const;
const cancel = () => useActionStore.setState({ prompt: undefined });

/** PromptForm asks for the one value scale or set image needs. */
export function PromptForm({ prompt }: { prompt: Prompt }) {
  const client = useApiClient();
  const [value, setValue] = useState(prompt.value);
  return (
    <form
      className="action-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        void submitPrompt(client, { ...prompt, value });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') cancel();
      }}
    >
      <label>
        {labels[prompt.kind]}{' '}
        <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} size={prompt.kind === 'scale' ? 4 : 24} />
      </label>
      <button type="submit">OK</button>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </form>
  );
}
