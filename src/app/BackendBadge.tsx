/** Which tfjs backend runs, at what float precision; and a visible note if WebGL fell back. */
import { useStore } from '../state/store';

export function BackendBadge() {
  const info = useStore((s) => s.backendInfo);
  const engine = useStore((s) => s.engineStatus);
  const requested = useStore((s) => s.hyper.forward.backend);
  if (!info) {
    const text = engine === 'loading' ? 'loading tfjs…' : `${requested} · starting`;
    return (
      <span className="backend-badge" data-testid="backend-badge" data-backend="">
        {text}
      </span>
    );
  }
  const name = info.active === 'webgl' ? info.detail || 'WebGL' : 'CPU';
  return (
    <span
      className="backend-badge"
      data-testid="backend-badge"
      data-backend={info.active}
      data-fallback={info.fallbackReason !== null}
      data-thread={info.thread}
      title={
        `tfjs backend: ${info.active}, computing in float${info.floatBits}` +
        (info.thread === 'worker' ? ', in a background worker so the page stays responsive' : '')
      }
    >
      {name} · float{info.floatBits}
      {info.thread === 'worker' && ' · worker'}
    </span>
  );
}

/** Shown in the page body, because a badge alone is easy to miss. */
export function FallbackNotice() {
  const info = useStore((s) => s.backendInfo);
  if (!info?.fallbackReason) return null;
  return (
    <div className="notice" role="status" data-testid="fallback-notice">
      <span>
        WebGL could not start ({info.fallbackReason}), so every cell runs on the CPU backend instead
        (slower, and checked against the CPU's tighter tolerance).
      </span>
    </div>
  );
}
