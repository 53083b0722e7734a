import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
// KaTeX's stylesheet and fonts are bundled from node_modules: nothing is fetched from a CDN.
import 'katex/dist/katex.min.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/notebook.css';
import './styles/panels.css';
import { store } from '../state/store';
import { startUrlSync } from '../state/urlSync';
import { startEditSync } from '../state/editSync';
import { startProgressSync } from '../state/progressSync';
import { App } from './App';
import { savedTheme } from './theme';
import { offerUpdate } from './UpdateNotice';
import { registerOffline } from '../embed/offline';

store.getState().setTheme(savedTheme());
// The URL is read before the first render, so a shared link paints its own state straight away.
startUrlSync();
startEditSync();
startProgressSync();
// Launched by an LMS (in its frame or a window it opened): report to it as a SCORM 1.2 SCO.
if (window.parent !== window || window.opener) {
  void import('../embed/scorm').then((m) => m.startScorm());
}
// After one visit the notebook works offline; a newer version waits for the reader's reload.
registerOffline((load) => {
  offerUpdate(load);
  store.getState().setUpdateReady();
});

const root = document.getElementById('root');
if (root) {
  // As a transition, React renders the chapter in slices of a few milliseconds and yields in
  // between, instead of one task of hundreds (the main thread stays free for input).
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
