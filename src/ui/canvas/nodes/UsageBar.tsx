import { fraction, type Usage } from '../viewModel';

/** UsageBar shows requests against allocatable for one resource. */
export function UsageBar({ label, usage, format }: { label: string; usage: Usage; format: (n: number) => string }) {
  const f = fraction(usage);
  return (
    <div className="usage" title={`${label} requests ${format(usage.used)} of ${format(usage.allocatable)} allocatable`}>
      <span className="usage-label">{label}</span>
      <span className="usage-track">
        <span className={`usage-fill${f >= 0.9 ? ' full' : ''}`} style={{ width: `${f * 100}%` }} />
      </span>
      <span className="usage-text">
        {format(usage.used)}/{format(usage.allocatable)}
      </span>
    </div>
  );
}
