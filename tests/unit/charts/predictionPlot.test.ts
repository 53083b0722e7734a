import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  finitePairs,
  predictionDomain,
  trainMean,
  type PredictionSeries,
} from '../../../src/charts/predictionData';
import { PredictionPlot, predictionCsv, predictionStats } from '../../../src/charts/PredictionPlot';

const attrs = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

const train: PredictionSeries = {
  name: 'train',
  kind: 'train',
  targets: [0, 1, 2, 3],
  predictions: Float32Array.from([0.5, 1, 2, 2.5]),
};
const fresh: PredictionSeries = {
  name: 'fresh',
  kind: 'fresh',
  targets: [1, NaN, 4],
  predictions: [2, 1, Infinity],
};

describe('prediction data', () => {
  it('keeps only finite pairs and takes the mean of the training targets', () => {
    expect(finitePairs(fresh)).toEqual([{ index: 0, target: 1, prediction: 2 }]);
    expect(trainMean([train, fresh])).toBe(1.5);
    expect(trainMean([fresh])).toBeNaN();
  });

  it('gives count, MSE, means and the predict-the-mean baseline per series', () => {
    const [a, b] = predictionStats([train, fresh]);
    expect(a).toEqual({
      name: 'train',
      kind: 'train',
      count: 4,
      nonFinite: 0,
      mse: (0.25 + 0 + 0 + 0.25) / 4,
      meanTarget: 1.5,
      meanPrediction: 1.5,
      baselineMse: (2.25 + 0.25 + 0.25 + 2.25) / 4,
    });
    expect(b).toMatchObject({ count: 1, nonFinite: 2, mse: 1, meanTarget: 1, baselineMse: 0.25 });
    const [empty] = predictionStats([
      { name: 'x', kind: 'fresh', targets: [NaN], predictions: [] },
    ]);
    expect(empty!.count).toBe(0);
    expect(empty!.mse).toBeNaN();
  });

  it('uses one padded, nice domain for both axes that covers everything finite', () => {
    const [lo, hi] = predictionDomain([train, fresh]);
    expect(lo).toBeLessThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(3);
    expect(hi).toBeLessThan(4); // The infinite prediction and its target 4 are left out.
    expect(predictionDomain([])).toEqual([0, 1]);
    const [a, b] = predictionDomain([{ name: 'c', kind: 'train', targets: [2], predictions: [2] }]);
    expect(a).toBeLessThan(2);
    expect(b).toBeGreaterThan(2);
  });

  it('writes every pair as CSV, non-finite ones included', () => {
    expect(predictionCsv([fresh])).toBe(
      'series,index,target,prediction\nfresh,0,1,2\nfresh,1,NaN,1\nfresh,2,4,Infinity\n',
    );
    expect(predictionCsv([train]).split('\n')[4]).toBe('train,3,3,2.5');
  });
});

describe('PredictionPlot', () => {
  const html = renderToStaticMarkup(
    createElement(PredictionPlot, { series: [train, fresh], width: 500, height: 400 }),
  );

  it('draws a marker per finite pair, the diagonal, the mean line and a legend', () => {
    expect(attrs(html, 'data-points')).toEqual(['4', '1']);
    expect(html).toContain('class="perfect"');
    expect(html).toContain('class="mean"');
    expect(html).toContain('perfect (y = x)');
    expect(html).toContain('predict the mean');
    expect(html).toContain('<title>train #3: target 3, prediction 2.5</title>');
  });

  it('is a labelled image with a title, stats under it and a data table', () => {
    expect(html).toContain('role="img"');
    expect(html).toContain('<title>Prediction against target</title>');
    expect(html).toMatch(
      /aria-label="Predictions against targets for train and fresh\. train, 4 points/,
    );
    expect(html).toContain('fresh, 1 point (2 not finite, left out): MSE 1,');
    expect(html).toContain('<summary>Data table: predictions</summary>');
  });

  it('lets no NaN or Infinity reach an attribute, even with no finite data at all', () => {
    const check = (h: string) => {
      for (const name of ['d', 'transform', 'x1', 'x2', 'y1', 'y2', 'x', 'y']) {
        for (const v of attrs(h, name)) expect(v).not.toMatch(/NaN|Infinity/);
      }
    };
    check(html);
    const bad = renderToStaticMarkup(
      createElement(PredictionPlot, {
        series: [{ name: 'train', kind: 'train', targets: [NaN, Infinity], predictions: [0, NaN] }],
        width: 300,
        height: 200,
        showTable: false,
      }),
    );
    check(bad);
    expect(bad).not.toContain('class="mean"'); // No finite training target: no mean to draw.
    expect(bad).toContain('train: no finite predictions.');
  });
});
