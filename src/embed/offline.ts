/**
 * Offline reading: registers the service worker the build writes beside index.html (`sw.js`,
 * from src/embed/sw.ts). Nothing here reloads the page: when a new version has installed while
 * an old one controls the page, `onUpdate` is told, and the reader decides.
 */
import { SKIP_WAITING, SW_FILE } from './swMessages';

/** What registration needs of the browser: the real one by default, fakes in the unit tests. */
export interface OfflineEnv {
  production: boolean;
  /** `self.origin`: 'null' in a sandboxed iframe, where even reading the container throws. */
  origin: string;
  container: () => ServiceWorkerContainer | undefined;
  reload: () => void;
}

/**
 * Register `./sw.js` (relative, so any sub-path works) in production builds. `onUpdate` gets a
 * function that loads the new version: it lets the waiting worker take over, then reloads once
 * it has. (A plain reload is not enough: the old worker keeps the page while any tab uses it.)
 */
export function registerOffline(onUpdate: (reload: () => void) => void): void {
  try {
    void registerOfflineWith(
      {
        production: import.meta.env.PROD,
        origin: self.origin,
        container: () => navigator.serviceWorker,
        reload: () => location.reload(),
      },
      onUpdate,
    );
  } catch {
    // No window (a test or a worker): nothing to register.
  }
}

/** `registerOffline` with the browser passed in; resolves to the registration or null. */
export async function registerOfflineWith(
  env: OfflineEnv,
  onUpdate: (reload: () => void) => void,
): Promise<ServiceWorkerRegistration | null> {
  try {
    if (!env.production || env.origin === 'null') return null;
    const container = env.container();
    if (!container) return null;
    const registration = await container.register(`./${SW_FILE}`);
    let told: ServiceWorker | null = null;
    const tell = () => {
      const waiting = registration.waiting;
      // No controller means a first install: it is the current version, not an update.
      if (!waiting || !container.controller || waiting === told) return;
      told = waiting;
      onUpdate(() => loadNewVersion(registration, container, env.reload));
    };
    tell(); // a version that was already waiting from an earlier visit
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed') tell();
      });
    });
    return registration;
  } catch {
    // Private modes, blocked storage, a file: URL, a failed install: the notebook works online.
    return null;
  }
}

function loadNewVersion(
  registration: ServiceWorkerRegistration,
  container: ServiceWorkerContainer,
  reload: () => void,
): void {
  const waiting = registration.waiting;
  if (!waiting) {
    reload();
    return;
  }
  container.addEventListener('controllerchange', () => reload(), { once: true });
  waiting.postMessage({ type: SKIP_WAITING });
}
