import { describe, expect, it, vi } from 'vitest';
import { registerOffline, registerOfflineWith, type OfflineEnv } from '../../../src/embed/offline';
import { SKIP_WAITING } from '../../../src/embed/swMessages';

/** Just enough of ServiceWorker, its registration and its container, on Node's EventTarget. */
class FakeWorker extends EventTarget {
  state = 'installing';
  posted: unknown[] = [];
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  become(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}
class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  /** A new version arrives and installs. */
  arrive() {
    const w = new FakeWorker();
    this.installing = w;
    this.dispatchEvent(new Event('updatefound'));
    this.installing = null;
    this.waiting = w;
    w.become('installed');
    return w;
  }
}
class FakeContainer extends EventTarget {
  controller: FakeWorker | null = null;
  registration = new FakeRegistration();
  registered: string[] = [];
  fail = false;
  async register(url: string) {
    this.registered.push(url);
    if (this.fail) throw new DOMException('blocked', 'SecurityError');
    return this.registration;
  }
}

function env(container: FakeContainer | undefined, change: Partial<OfflineEnv> = {}) {
  const reload = vi.fn();
  const e: OfflineEnv = {
    production: true,
    origin: 'https://example.org',
    container: () => container as unknown as ServiceWorkerContainer,
    reload,
    ...change,
  };
  return { e, reload };
}

describe('registerOfflineWith', () => {
  it('registers ./sw.js, relative to the page', async () => {
    const c = new FakeContainer();
    const reg = await registerOfflineWith(env(c).e, () => {});
    expect(c.registered).toEqual(['./sw.js']);
    expect(reg).toBe(c.registration);
  });

  it('registers nothing in dev, without service workers, or in an opaque origin', async () => {
    const c = new FakeContainer();
    const read = vi.fn(() => c as unknown as ServiceWorkerContainer);
    expect(await registerOfflineWith(env(c, { production: false }).e, () => {})).toBeNull();
    expect(await registerOfflineWith(env(undefined).e, () => {})).toBeNull();
    // In a sandboxed iframe even reading navigator.serviceWorker throws: it is not read at all.
    expect(
      await registerOfflineWith(env(c, { origin: 'null', container: read }).e, () => {}),
    ).toBeNull();
    expect(read).not.toHaveBeenCalled();
    expect(c.registered).toEqual([]);
  });

  it('swallows every error', async () => {
    const c = new FakeContainer();
    c.fail = true;
    await expect(registerOfflineWith(env(c).e, () => {})).resolves.toBeNull();
    const throwing = env(c, {
      container: () => {
        throw new DOMException('sandboxed', 'SecurityError');
      },
    });
    await expect(registerOfflineWith(throwing.e, () => {})).resolves.toBeNull();
  });

  it('does not call a first install an update', async () => {
    const c = new FakeContainer();
    const onUpdate = vi.fn();
    await registerOfflineWith(env(c).e, onUpdate);
    c.registration.arrive();
    expect(onUpdate).not.toHaveBeenCalled();
  });

  it('tells of a new version installed while an old one controls the page, once per version', async () => {
    const c = new FakeContainer();
    c.controller = new FakeWorker();
    const onUpdate = vi.fn();
    const { e, reload } = env(c);
    await registerOfflineWith(e, onUpdate);
    expect(onUpdate).not.toHaveBeenCalled();
    c.registration.arrive();
    expect(onUpdate).toHaveBeenCalledTimes(1);
    c.registration.dispatchEvent(new Event('updatefound'));
    expect(onUpdate).toHaveBeenCalledTimes(1);
    // Never a reload of its own.
    expect(reload).not.toHaveBeenCalled();
  });

  it('tells of a version already waiting from an earlier visit', async () => {
    const c = new FakeContainer();
    c.controller = new FakeWorker();
    c.registration.waiting = new FakeWorker();
    const onUpdate = vi.fn();
    await registerOfflineWith(env(c).e, onUpdate);
    expect(onUpdate).toHaveBeenCalledTimes(1);
  });

  it('loads the new version only when asked: skip-waiting, then one reload on controllerchange', async () => {
    const c = new FakeContainer();
    c.controller = new FakeWorker();
    let load: (() => void) | undefined;
    const { e, reload } = env(c);
    await registerOfflineWith(e, (fn) => (load = fn));
    const next = c.registration.arrive();
    expect(next.posted).toEqual([]);
    load?.();
    expect(next.posted).toEqual([{ type: SKIP_WAITING }]);
    expect(reload).not.toHaveBeenCalled();
    c.dispatchEvent(new Event('controllerchange'));
    c.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads at once if the waiting version has already taken over', async () => {
    const c = new FakeContainer();
    c.controller = new FakeWorker();
    let load: (() => void) | undefined;
    const { e, reload } = env(c);
    await registerOfflineWith(e, (fn) => (load = fn));
    c.registration.arrive();
    c.registration.waiting = null;
    load?.();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe('registerOffline', () => {
  it('does nothing outside a production build (and does not throw in Node)', () => {
    expect(() => registerOffline(() => {})).not.toThrow();
  });
});
