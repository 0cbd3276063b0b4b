import * as Comlink from 'comlink';
import { createEngineApi } from './engineApi';

// A MessageChannel turn lets every queued promise run, as setImmediate does in Node.
function yieldToHost(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

Comlink.expose(createEngineApi(yieldToHost));
