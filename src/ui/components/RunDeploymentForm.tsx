import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../../engine/client/apiClient';
import { isApiError } from '../../engine/apiserver/errors';
import { createDeployment } from '../state/actions';

/** RunDeploymentForm creates a Deployment through the API, like `kubectl create deployment`. */
export function RunDeploymentForm({ client }: { client: ApiClient }) {
  const [name, setName] = useState('web');
  const [image, setImage] = useState('nginx:1.27');
  const [replicas, setReplicas] = useState(3);
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await createDeployment(client, name, image, replicas);
      setMessage(`deployment.apps/${name} created`);
    } catch (err) {
      setMessage(isApiError(err) ? `Error from server (${err.reason}): ${err.message}` : String(err));
    }
  };
  return (
    <form className="run" onSubmit={submit} aria-label="Create deployment">
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Image <input value={image} onChange={(e) => setImage(e.target.value)} />
      </label>
      <label>
        Replicas <input type="number" min={0} value={replicas} onChange={(e) => setReplicas(Number(e.target.value))} />
      </label>
      <button type="submit">Create deployment</button>
      <output>{message}</output>
    </form>
  );
}
