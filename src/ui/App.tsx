import { useEffect, useState } from 'react';
import type { ApiClient } from '../engine/client/apiClient';
import { startEngine } from './engine';
import { NodeList } from './components/NodeList';
import { PodList } from './components/PodList';
import { RunDeploymentForm } from './components/RunDeploymentForm';
import { useClusterStore, selectError, selectSynced } from './state/clusterStore';

/** App is the playground shell: it boots the engine Worker and renders what the API reports. */
export function App() {
  const [client, setClient] = useState<ApiClient>();
  const synced = useClusterStore(selectSynced);
  const error = useClusterStore(selectError);
  useEffect(() => {
    startEngine().then(setClient, () => undefined);
  }, []);
  return (
    <main className="app">
      <header>
        <h1>Kube Playground</h1>
        <p className="note">
          A Kubernetes v1.32 control plane running in a Web Worker. Nodes, containers and images are simulated.
        </p>
      </header>
      {error && <p role="alert">Engine failed to start: {error}</p>}
      {!synced && !error && <p aria-busy="true">Starting cluster…</p>}
      {synced && client && <RunDeploymentForm client={client} />}
      {synced && <NodeList />}
      {synced && <PodList />}
    </main>
  );
}
