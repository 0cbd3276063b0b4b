/** yieldToHost lets every queued promise run: one MessageChannel turn, as setImmediate does in Node. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
