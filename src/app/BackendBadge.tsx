/** Which tfjs backend runs, at what float precision; and a visible note if the choice fell back. */
import { BACKEND_LABEL, type Backend } from '../lstm/experimentTypes';
import { forwardTolerance, formatTolerance } from '../notebook/tolerance';
import { useStore } from '../state/store';

const NAME: Record<Backend, string> = {
  webgl: 'WebGL',
  webgpu: 'WebGPU',
  wasm: 'wasm',
  cpu: 'CPU',
};

/** What the tolerance note says of the backend that runs instead. */
const INSTEAD: Record<Backend, string> = {
  cpu: "(slower, and checked against the CPU's tighter tolerance)",
  wasm: "(checked against the CPU's tighter tolerance)",
  webgl: "(checked against WebGL's tolerance)",
  webgpu: "(checked against WebGL's tolerance)",
};

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
  const name = info.detail || NAME[info.active];
  const fellBack = info.fallbackReason !== null;
  return (
    <span
      className="backend-badge"
      data-testid="backend-badge"
      data-backend={info.active}
      data-requested={info.requested}
      data-fallback={fellBack}
      data-thread={info.thread}
      title={
        `tfjs backend: ${info.active}, computing in float${info.floatBits}` +
        (info.thread === 'worker' ? ', in a background worker so the page stays responsive' : '') +
        (fellBack ? `. ${info.requested} could not start: ${info.fallbackReason}` : '')
      }
    >
      {fellBack && `${info.requested} → `}
      {name} · float{info.floatBits}
      {info.thread === 'worker' && ' · worker'}
    </span>
  );
}

/**
 * Half precision changes what "matches" can mean, so the page says so where the reader looks,
 * with the tolerances the badges then use.
 */
export function PrecisionNotice() {
  const info = useStore((s) => s.backendInfo);
  if (!info || info.floatBits !== 16) return null;
  const half = forwardTolerance(info);
  const full = forwardTolerance({ ...info, floatBits: 32 });
  return (
    <div className="notice" role="status" data-testid="precision-notice">
      <span>
        This GPU stores numbers in half precision (float16: about 3 significant digits, nothing
        above 65,504), not float32. Every result is rounded that coarsely, so the numbers drift from
        float32’s in the third or fourth digit: the match badges allow {formatTolerance(half)} where
        float32 gets {formatTolerance(full)}, and the sums no longer reproduce the Python tutorial’s
        printed ones. The CPU backend computes in float32.
      </span>
    </div>
  );
}

/** Shown in the page body, because a badge alone is easy to miss. */
export function FallbackNotice() {
  const info = useStore((s) => s.backendInfo);
  if (!info?.fallbackReason) return null;
  return (
    <div className="notice" role="status" data-testid="fallback-notice">
      <span>
        {BACKEND_LABEL[info.requested]} could not start ({info.fallbackReason}), so every cell runs
        on {BACKEND_LABEL[info.active]} instead {INSTEAD[info.active]}.
      </span>
    </div>
  );
}
