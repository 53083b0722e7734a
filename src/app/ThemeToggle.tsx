/** Flip between light and dark; the first visit follows the system setting. */
import { useSyncExternalStore } from 'react';
import { useStore } from '../state/store';
import { systemPrefersDark } from './theme';

function subscribeToSystem(onChange: () => void): () => void {
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
}

export function ThemeToggle() {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const systemDark = useSyncExternalStore(subscribeToSystem, systemPrefersDark, () => false);
  const dark = theme === 'dark' || (theme === 'system' && systemDark);
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={dark}
      onClick={() => setTheme(dark ? 'light' : 'dark')}
      title={theme === 'system' ? 'Following the system theme' : 'Theme chosen by you'}
    >
      {dark ? '☾ Dark' : '☀ Light'}
    </button>
  );
}
