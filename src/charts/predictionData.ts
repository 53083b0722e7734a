/**
 * Predictions against targets turned into what the prediction plot draws and reports: finite
 * pairs only (d3 never sees NaN), one shared domain for both axes, per-series errors and the CSV.
 * Pure, so it is unit-tested in Node.
 */
import { scaleLinear } from 'd3';
import { toCsv } from './export';

/** One set of predictions: on the data the model trained on, or on data it never saw. */
export interface PredictionSeries {
  name: string;
  kind: 'train' | 'fresh';
  targets: ArrayLike<number>;
  /** Same length as `targets`; a missing prediction counts as NaN. */
  predictions: ArrayLike<number>;
}

/** One drawable (finite) pair; `index` is its position in the series. */
export interface PredictionPoint {
  index: number;
  target: number;
  prediction: number;
}

/** What is printed under the chart for one series. */
export interface PredictionStats {
  name: string;
  kind: 'train' | 'fresh';
  /** Pairs where both the target and the prediction are finite: what the numbers are over. */
  count: number;
  /** Pairs left out because one side was NaN or infinite. */
  nonFinite: number;
  /** Mean squared error of the predictions; NaN when count is 0. */
  mse: number;
  meanTarget: number;
  meanPrediction: number;
  /** MSE of always predicting the training mean target, the bar a model must beat. */
  baselineMse: number;
}

/** The finite pairs of a series, in order. */
export function finitePairs(s: PredictionSeries): PredictionPoint[] {
  const points: PredictionPoint[] = [];
  for (let k = 0; k < s.targets.length; k++) {
    const target = s.targets[k]!;
    const prediction = s.predictions[k] ?? NaN;
    if (Number.isFinite(target) && Number.isFinite(prediction)) {
      points.push({ index: k, target, prediction });
    }
  }
  return points;
}

/** Mean of the finite targets of every training series; NaN when there are none. */
export function trainMean(series: readonly PredictionSeries[]): number {
  let sum = 0;
  let n = 0;
  for (const s of series) {
    if (s.kind !== 'train') continue;
    for (let k = 0; k < s.targets.length; k++) {
      const t = s.targets[k]!;
      if (Number.isFinite(t)) {
        sum += t;
        n++;
      }
    }
  }
  return n > 0 ? sum / n : NaN;
}

/** Count, MSE and means per series, over its finite pairs. */
export function predictionStats(series: readonly PredictionSeries[]): PredictionStats[] {
  const mean = trainMean(series);
  return series.map((s) => {
    const points = finitePairs(s);
    let se = 0;
    let baseline = 0;
    let targets = 0;
    let predictions = 0;
    for (const p of points) {
      se += (p.prediction - p.target) ** 2;
      baseline += (mean - p.target) ** 2;
      targets += p.target;
      predictions += p.prediction;
    }
    const n = points.length;
    const avg = (v: number) => (n > 0 ? v / n : NaN);
    return {
      name: s.name,
      kind: s.kind,
      count: n,
      nonFinite: s.targets.length - n,
      mse: avg(se),
      meanTarget: avg(targets),
      meanPrediction: avg(predictions),
      baselineMse: avg(baseline),
    };
  });
}

/**
 * One domain for both axes, so the diagonal is y = x: it covers every finite target and
 * prediction and the training mean, padded a little and rounded to nice ticks.
 */
export function predictionDomain(series: readonly PredictionSeries[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number) => {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  };
  for (const s of series) {
    for (const p of finitePairs(s)) {
      take(p.target);
      take(p.prediction);
    }
  }
  const mean = trainMean(series);
  if (Number.isFinite(mean)) take(mean);
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = lo === hi ? Math.max(0.5, Math.abs(lo) * 0.1) : (hi - lo) * 0.05;
  const [a, b] = scaleLinear()
    .domain([lo - pad, hi + pad])
    .nice()
    .domain();
  return [a!, b!];
}

/** Every pair, finite or not: series,index,target,prediction. */
export function predictionRows(series: readonly PredictionSeries[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const s of series) {
    for (let k = 0; k < s.targets.length; k++) {
      rows.push([s.name, k, s.targets[k]!, s.predictions[k] ?? NaN]);
    }
  }
  return rows;
}

/** The CSV behind the plot: series,index,target,prediction, full float precision. */
export function predictionCsv(series: readonly PredictionSeries[]): string {
  return toCsv([['series', 'index', 'target', 'prediction'], ...predictionRows(series)]);
}
