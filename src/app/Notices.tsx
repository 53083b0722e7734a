/** Notes about the opened link (ignored parameters), each dismissible. */
import { useStore } from '../state/store';

export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" data-testid="url-notices">
      {notices.map((n) => (
        <div className="notice" key={n.id}>
          <span>{n.text}</span>
          <button type="button" onClick={() => dismiss(n.id)} aria-label="Dismiss this notice">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
