/** "A new version is ready — reload": shown when the offline copy was updated; never reloads by itself. */
import { useStore } from '../state/store';

/** How to load the new version (from registerOffline); set once an update has installed. */
let loadNewVersion: (() => void) | null = null;

export function offerUpdate(load: () => void): void {
  loadNewVersion = load;
}

export function UpdateNotice() {
  const ready = useStore((s) => s.updateReady);
  if (!ready) return null;
  return (
    <div className="notice" role="status" data-testid="update-notice">
      <span>A new version of the notebook is ready.</span>
      <button type="button" onClick={() => loadNewVersion?.()}>
        Reload
      </button>
    </div>
  );
}
