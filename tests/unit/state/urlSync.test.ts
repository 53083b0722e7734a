/**
 * urlSync reads `window` only when it runs, so a small stand-in for the parts it uses (location,
 * history.replaceState, add/removeEventListener) is enough in Vitest's node environment.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FORWARD_DEFAULTS } from '../../../src/state/hyperparams';
import { store } from '../../../src/state/store';
import { hashFor, startUrlSync } from '../../../src/state/urlSync';

const initial = store.getState();

interface FakeWindow {
  location: { hash: string; pathname: string; search: string };
  history: {
    state: unknown;
    replaceState: ReturnType<typeof vi.fn>;
    pushState: ReturnType<typeof vi.fn>;
  };
  addEventListener: (type: string, fn: () => void) => void;
  removeEventListener: (type: string, fn: () => void) => void;
}

/** Stub `window` at this URL; replaceState updates location as a browser would. */
function openAt(hash: string, search = '') {
  const listeners = new Map<string, Set<() => void>>();
  const location = { hash, pathname: '/notebook/', search };
  const history = {
    state: { scroll: 120 },
    replaceState: vi.fn((_state: unknown, _title: string, url: string) => {
      const at = url.indexOf('#');
      location.hash = at < 0 ? '' : url.slice(at);
    }),
    pushState: vi.fn(),
  };
  const win: FakeWindow = {
    location,
    history,
    addEventListener: (type, fn) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(fn);
    },
    removeEventListener: (type, fn) => listeners.get(type)?.delete(fn),
  };
  vi.stubGlobal('window', win);
  /** The reader follows a link or presses back: the hash changes, then the event fires. */
  const navigate = (next: string) => {
    location.hash = next;
    listeners.get('hashchange')?.forEach((fn) => fn());
  };
  return { location, history, navigate, listeners };
}

const notices = () => store.getState().notices.map((n) => n.text);

describe('urlSync', () => {
  let stop: (() => void) | null = null;

  beforeEach(() => store.setState(initial, true));
  afterEach(() => {
    stop?.();
    stop = null;
    vi.unstubAllGlobals();
  });

  it('loads valid parameters from the hash into the store', () => {
    const { history } = openAt('#/options?units=4&seed=7');
    stop = startUrlSync();
    const s = store.getState();
    expect(s.slug).toBe('options');
    expect(s.embed).toBe(false);
    expect(s.hyper.forward).toEqual({ ...FORWARD_DEFAULTS, units: 4, seed: 7 });
    expect(notices()).toEqual([]);
    // Already the hash the store would write: nothing to rewrite.
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('rewrites a valid link into the order links are written, in place', () => {
    const { history } = openAt('#/options?seed=7&units=4');
    stop = startUrlSync();
    expect(store.getState().hyper.forward).toMatchObject({ units: 4, seed: 7 });
    expect(history.replaceState).toHaveBeenCalledWith(
      { scroll: 120 },
      '',
      '/notebook/#/options?units=4&seed=7',
    );
    expect(history.pushState).not.toHaveBeenCalled();
  });

  it('drops an invalid parameter with a notice and rewrites the link without it', () => {
    const { history, location } = openAt('#/options?units=0&seed=7&colour=red');
    stop = startUrlSync();
    expect(store.getState().hyper.forward).toEqual({ ...FORWARD_DEFAULTS, seed: 7 });
    expect(notices()).toEqual([
      'Ignored "units" from the link: Units must be a whole number from 1 to 256; got 0.',
      'Ignored unknown link parameter "colour".',
    ]);
    expect(history.replaceState).toHaveBeenCalledTimes(1);
    expect(history.replaceState).toHaveBeenCalledWith(
      { scroll: 120 },
      '',
      '/notebook/#/options?seed=7',
    );
    expect(location.hash).toBe('#/options?seed=7');
    expect(history.pushState).not.toHaveBeenCalled();
  });

  it('writes a store change back to the hash with replaceState, never pushState', () => {
    const { history, location } = openAt('#/options');
    stop = startUrlSync();
    store.getState().setHyper('forward', 'units', 12);
    expect(location.hash).toBe('#/options?units=12');
    store.getState().setHyper('forward', 'seed', 5);
    expect(location.hash).toBe('#/options?units=12&seed=5');
    expect(history.replaceState).toHaveBeenCalledTimes(2);
    expect(history.replaceState).toHaveBeenLastCalledWith(
      { scroll: 120 },
      '',
      '/notebook/#/options?units=12&seed=5',
    );
    // Fields that are not in the link leave the URL alone.
    store.getState().setTheme('dark');
    store.getState().setOption('returnState', true);
    expect(history.replaceState).toHaveBeenCalledTimes(2);
    expect(history.pushState).not.toHaveBeenCalled();
  });

  it('follows the hash when it changes, into the chapter profile it names', () => {
    const { navigate } = openAt('#/options?units=4');
    stop = startUrlSync();
    navigate('#/training?epochs=3');
    const s = store.getState();
    expect(s.slug).toBe('training');
    expect(s.hyper.training.epochs).toBe(3);
    expect(hashFor('training')).toBe('#/training?epochs=3');
  });

  it('keeps embed=1 from the hash in every hash it writes', () => {
    const { location } = openAt('#/bias?embed=1');
    stop = startUrlSync();
    expect(store.getState().embed).toBe(true);
    store.getState().setHyper('forward', 'units', 6);
    expect(location.hash).toBe('#/bias?units=6&embed=1');
  });

  it('takes embed=1 from location.search, and keeps it there rather than copying it into the hash', () => {
    const { history, location, navigate } = openAt('#/bias', '?embed=1');
    stop = startUrlSync();
    expect(store.getState().embed).toBe(true);
    store.getState().setHyper('forward', 'units', 6);
    expect(history.replaceState).toHaveBeenLastCalledWith(
      { scroll: 120 },
      '',
      '/notebook/?embed=1#/bias?units=6',
    );
    expect(location.hash).toBe('#/bias?units=6');
    // Still embedded after following a link whose hash does not say embed.
    navigate('#/options?seed=9');
    expect(store.getState().embed).toBe(true);
    expect(location.hash).toBe('#/options?seed=9');
  });

  it('leaves a link to a page that does not exist as it is', () => {
    const { history } = openAt('#/chapter-9?units=4');
    stop = startUrlSync();
    expect(store.getState().unknownSlug).toBe('chapter-9');
    store.getState().setHyper('forward', 'units', 6);
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('stops listening and writing once stopped', () => {
    const { history, listeners } = openAt('#/options');
    stop = startUrlSync();
    expect(listeners.get('hashchange')?.size).toBe(1);
    stop();
    stop = null;
    expect(listeners.get('hashchange')?.size).toBe(0);
    store.getState().setHyper('forward', 'units', 12);
    expect(history.replaceState).not.toHaveBeenCalled();
  });
});
