import { useCallback, useEffect, useState } from 'react';

/** The measured size of an element, and the callback ref that attaches the measuring. */
export interface ParentSize<E extends HTMLElement> {
  ref: (el: E | null) => void;
  width: number;
  height: number;
}

/**
 * Measure the element a chart sits in, so charts themselves only take `width`/`height` props.
 * Until the first measurement (and in Node or browsers without ResizeObserver, where it is
 * measured once and again on window resize) the defaults are returned, so a chart always draws.
 */
export function useParentSize<E extends HTMLElement = HTMLDivElement>(
  defaultWidth = 640,
  defaultHeight = 320,
): ParentSize<E> {
  const [el, setEl] = useState<E | null>(null);
  const [size, setSize] = useState({ width: defaultWidth, height: defaultHeight });

  useEffect(() => {
    if (!el) return;
    // Rounded, and only set on change, so sub-pixel jitter does not re-render the chart.
    const update = (width: number, height: number) => {
      const w = Math.round(width);
      const h = Math.round(height);
      if (w <= 0) return; // Hidden (display: none) parents report 0; keep the last good size.
      setSize((s) => (s.width === w && s.height === h ? s : { width: w, height: h }));
    };
    const measure = () => {
      const r = el.getBoundingClientRect();
      update(r.width, r.height);
    };
    if (typeof ResizeObserver === 'undefined') {
      measure();
      if (typeof window === 'undefined') return;
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    // Its first report arrives with the next frame's layout: measuring here would force one now.
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) update(box.width, box.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);

  const ref = useCallback((node: E | null) => setEl(node), []);
  return { ref, width: size.width, height: size.height };
}
