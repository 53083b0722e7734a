/**
 * The page as an embed shows it: no navigation, a slim bar with the backend badge and a link to
 * the full notebook, what cannot work inside a sandboxed frame said once, its height told to the
 * host whenever it changes (after the fonts have loaded, so a first height is not a cut-off one),
 * and the host API running. It never takes focus and never scrolls its host.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { BackendBadge, FallbackNotice, PrecisionNotice } from '../app/BackendBadge';
import { Notices } from '../app/Notices';
import { UpdateNotice } from '../app/UpdateNotice';
import { store, useStore } from '../state/store';
import { postHeight, startBridge } from './bridge';

/** True in an opaque origin (an iframe sandboxed without allow-same-origin). */
const opaque = () => self.origin === 'null';

function SandboxNotice() {
  const thread = useStore((s) => s.backendInfo?.thread);
  if (!opaque()) return null;
  return (
    <div className="notice" role="status" data-testid="sandbox-notice">
      <span>
        This embed runs in a sandboxed frame: settings, the theme and saved models are not kept
        here, and opening the full notebook needs a new tab
        {thread === 'page'
          ? '. The engine worker cannot start, so this page computes itself.'
          : '.'}
      </span>
    </div>
  );
}

/**
 * Report the content's height on every change, once the fonts are in. Chromium stops rendering
 * work (animation frames, resize observers) in a cross-origin iframe scrolled out of view, so the
 * DOM's own mutations, which are still observed there, schedule a measurement on a timer too.
 */
function useAutoHeight(root: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = root.current;
    if (!el || window.parent === window) return;
    let last = -1;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const measure = () => {
      timer = null;
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        postHeight(height);
      }
    };
    const soon = () => {
      timer ??= setTimeout(measure, 50);
    };
    const resized = new ResizeObserver(soon);
    const mutated = new MutationObserver(soon);
    let stopped = false;
    void document.fonts.ready.then(() => {
      if (stopped) return;
      resized.observe(el);
      mutated.observe(el, {
        childList: true,
        subtree: true,
        attributes: true,
        characterData: true,
      });
      measure();
    });
    return () => {
      stopped = true;
      resized.disconnect();
      mutated.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [root]);
}

export function EmbedFrame({ fullUrl, children }: { fullUrl: string; children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  const theme = useStore((s) => s.embedView?.theme ?? null);
  useEffect(() => startBridge(), []);
  useEffect(() => {
    if (theme) store.getState().setTheme(theme === 'auto' ? 'system' : theme);
  }, [theme]);
  useAutoHeight(root);
  return (
    <div className="app embed" ref={root}>
      <div className="embed-bar">
        <BackendBadge />
        <a href={fullUrl} target="_blank" rel="noreferrer">
          Open the full notebook ↗
        </a>
      </div>
      <main>
        <Notices />
        <UpdateNotice />
        <SandboxNotice />
        <FallbackNotice />
        <PrecisionNotice />
        {children}
      </main>
    </div>
  );
}
