/** Whether two numbers agree within a tolerance, said in words and colour (never colour alone). */
import { formatTolerance } from './tolerance';

export function MatchBadge({
  diff,
  tolerance,
  what,
}: {
  diff: number;
  tolerance: number;
  what: string;
}) {
  const ok = Number.isFinite(diff) && diff <= tolerance;
  return (
    <span
      className={`badge ${ok ? 'badge-ok' : 'badge-bad'}`}
      data-testid="match-badge"
      data-match={ok}
      data-diff={diff}
      title={`${what}: max |custom − library| = ${diff.toExponential(2)}, tolerance ${formatTolerance(tolerance)}`}
    >
      {ok ? '✓ match' : '✗ mismatch'} · |Δ| {diff.toExponential(2)} {ok ? '≤' : '>'}{' '}
      {formatTolerance(tolerance)}
    </span>
  );
}
