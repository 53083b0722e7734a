import { useState, type RefObject } from 'react';
import { downloadBlob, svgSize, svgToPngBlob, svgToString } from './export';
import './charts.css';

/** Props of the SVG / PNG / CSV download buttons beside a chart. */
export interface ExportButtonsProps {
  /** File name without extension, e.g. "gate-heatmaps-sample-0". */
  name: string;
  /** What the buttons export, for their accessible names, e.g. "loss curve". */
  label: string;
  /** The chart's <svg>; or give `getSvg` for composed exports (a grid of charts). */
  svgRef?: RefObject<SVGSVGElement | null>;
  /** A standalone SVG document string; takes precedence over svgRef. */
  getSvg?: () => string | null;
  /** The numbers behind the chart as CSV text; no CSV button without it. */
  csv?: () => string;
}

/** Small "SVG", "PNG", "CSV" buttons. Failures are shown next to them, never thrown. */
export function ExportButtons({ name, label, svgRef, getSvg, csv }: ExportButtonsProps) {
  const [error, setError] = useState<string | null>(null);
  const svgText = (): string | null =>
    getSvg ? getSvg() : svgRef?.current ? svgToString(svgRef.current) : null;
  const hasSvg = Boolean(getSvg || svgRef);

  const run = async (what: () => Promise<void> | void) => {
    setError(null);
    try {
      await what();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const saveSvg = () =>
    run(() => {
      const text = svgText();
      if (!text) throw new Error('The chart is not on the page yet.');
      downloadBlob(`${name}.svg`, new Blob([text], { type: 'image/svg+xml' }));
    });
  const savePng = () =>
    run(async () => {
      const text = svgText();
      if (!text) throw new Error('The chart is not on the page yet.');
      const { width, height } = svgSize(text);
      downloadBlob(`${name}.png`, await svgToPngBlob(text, width, height));
    });
  const saveCsv = () =>
    run(() => {
      if (csv) downloadBlob(`${name}.csv`, new Blob([csv()], { type: 'text/csv' }));
    });

  return (
    <div className="chart-export" role="group" aria-label={`Export ${label}`}>
      {hasSvg ? (
        <>
          <button type="button" onClick={saveSvg} aria-label={`Download ${label} as SVG`}>
            SVG
          </button>
          <button type="button" onClick={savePng} aria-label={`Download ${label} as PNG`}>
            PNG
          </button>
        </>
      ) : null}
      {csv ? (
        <button type="button" onClick={saveCsv} aria-label={`Download ${label} data as CSV`}>
          CSV
        </button>
      ) : null}
      {error ? (
        <span role="alert" className="bad-text">
          {error}
        </span>
      ) : null}
    </div>
  );
}
