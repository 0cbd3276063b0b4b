import { useEffect, useState } from 'react';
import type { ApiClient } from '../engine/client/apiClient';
import { startEngine } from './engine';
import { ApiClientContext } from './state/apiClientContext';
import { useClusterStore, selectError, selectSynced } from './state/clusterStore';
import { useUiStore } from './state/uiStore';
import { ClusterCanvas } from './canvas/ClusterCanvas';
import { Palette } from './palette/Palette';
import { Inspector } from './inspector/Inspector';
import { EditorPanel } from './editor/EditorPanel';
import { SidePanelTabs } from './editor/SidePanelTabs';
import { EventsTimeline } from './timeline/EventsTimeline';
import { ClockControls } from './clock/ClockControls';
import { ClusterSummary } from './summary/ClusterSummary';

/**
 * App is the playground shell: it boots the engine Worker and lays out what renders the API's view
 * of the cluster: palette | canvas | inspector or editor, with the clock on top and events below.
 */
export function App() {
  const [client, setClient] = useState<ApiClient>();
  const synced = useClusterStore(selectSynced);
  const error = useClusterStore(selectError);
  const panel = useUiStore((s) => s.panel);
  useEffect(() => {
    startEngine().then(setClient, () => undefined);
  }, []);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Kube Playground</h1>
        <p className="note">Kubernetes v1.32: the control plane in one Web Worker, the kubelets in another. Nodes, containers, images and traffic are simulated.</p>
        {client && <ApiClientContext.Provider value={client}><ClockControls /></ApiClientContext.Provider>}
      </header>
      {synced && <ClusterSummary />}
      {error && <p role="alert">Engine failed to start: {error}</p>}
      {!synced && !error && <p aria-busy="true">Starting cluster…</p>}
      {synced && client && (
        <ApiClientContext.Provider value={client}>
          <div className="app-body">
            <Palette />
            <main className="app-canvas">
              <ClusterCanvas />
            </main>
            <aside className="app-side">
              <SidePanelTabs />
              {panel === 'editor' ? <EditorPanel /> : <Inspector />}
            </aside>
          </div>
          <EventsTimeline />
        </ApiClientContext.Provider>
      )}
    </div>
  );
}
