import type { WritableLayers } from '../../kubelet/programs/clusterDns';

/**
 * ContainerWritableLayers keeps what commands run by exec write in each container run, as the
 * runtime's writable layer does: later exec'd commands read it, and so do the container's servers
 * (nginx serves an index.html written there). A new attempt of the container starts without it.
 */
export class ContainerWritableLayers implements WritableLayers {
  private readonly layers = new Map<string, Map<string, string | undefined>>();

  files(podUid: string, container: string, attempt: number): ReadonlyMap<string, string | undefined> | undefined {
    return this.layers.get(`${podUid}/${container}/${attempt}`);
  }

  /** forget drops a deleted pod's layers, as the runtime removes its containers. */
  forget(podUid: string): void {
    for (const key of this.layers.keys()) if (key.startsWith(`${podUid}/`)) this.layers.delete(key);
  }

  write(podUid: string, container: string, attempt: number, path: string, content: string | undefined): void {
    const key = `${podUid}/${container}/${attempt}`;
    let layer = this.layers.get(key);
    if (!layer) this.layers.set(key, (layer = new Map()));
    layer.set(path, content);
  }
}
