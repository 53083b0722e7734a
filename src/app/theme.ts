/**
 * The light/dark theme choice, which follows the system until the reader flips the toggle. (The
 * gates' colours live once, as CSS variables in styles/theme.css, with their list in lstm/gates.)
 */
import { useEffect } from 'react';
import { store, useStore } from '../state/store';
import type { ThemeChoice } from '../state/slices/uiSlice';

const STORAGE_KEY = 'lstm-notebook-theme';

export function savedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system'; // Storage can be blocked inside iframes; the system theme still works.
  }
}

export function systemPrefersDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** Mirror the store's choice onto <html data-theme> and remember it. */
export function useApplyTheme(): void {
  const theme = useStore((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
    // An embed's theme comes from its link: the reader's own choice on the full notebook stays.
    if (store.getState().embed) return;
    try {
      if (theme === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Not remembered across visits; nothing else depends on it.
    }
  }, [theme]);
}
