import { useCanvasStore } from '../canvasStore';
import { Sizes } from '../layout';

/**
 * WritePath shows API writes as they happen: every change the watch brings went from a client
 * through kube-apiserver into etcd, so each batch sends a packet along that path.
 */
export function WritePath() {
  const write = useCanvasStore((s) => s.activity.write);
  return (
    <div className="write-path" style={{ top: Sizes.nodeHeader, height: Sizes.writePath - 4 }} title="API writes seen through watch">
      <span className="hop">client</span>
      <span className="wire" />
      <span className="hop">kube-apiserver</span>
      <span className="wire" />
      <span className="hop">etcd</span>
      {write && <span key={write.seq} className="packet" aria-hidden="true" />}
    </div>
  );
}
