import { useCanvasStore } from '../canvasStore';

/** PodPulse animates a pod that was just created, bound by the scheduler, or started by its kubelet. */
export function PodPulse({ podKey }: { podKey: string }) {
  const pulse = useCanvasStore((s) => s.activity.pods[podKey]);
  return pulse ? <span key={pulse.seq} className={`pulse pulse-${pulse.kind}`} aria-hidden="true" /> : null;
}
