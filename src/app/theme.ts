/**
 * The gates and their colours (the colours themselves live once, as CSS variables in
 * styles/theme.css, so equations, code and charts all read the same ones), plus the light/dark
 * theme choice, which follows the system until the reader flips the toggle.
 */
import { useEffect } from 'react';
import type { Gate } from '../notebook/highlight';
import { useStore } from '../state/store';
import type { ThemeChoice } from '../state/slices/uiSlice';

export interface GateInfo {
  gate: Gate;
  name: string;
}

/** In the order of the equations and of Keras' fused weights (i, f, g, o), then the two states. */
export const GATES: readonly GateInfo[] = [
  { gate: 'i', name: 'input gate' },
  { gate: 'f', name: 'forget gate' },
  { gate: 'g', name: 'candidate' },
  { gate: 'o', name: 'output gate' },
  { gate: 'c', name: 'cell state' },
  { gate: 'h', name: 'hidden state' },
];

/** For SVG fills and strokes: `fill={gateColor('f')}`. */
export const gateColor = (g: Gate) => `var(--gate-${g})`;

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
    try {
      if (theme === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Not remembered across visits; nothing else depends on it.
    }
  }, [theme]);
}
