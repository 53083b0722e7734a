/**
 * Chapter prose, bundled with the first paint (it is small); only tfjs and the engine load later.
 * The Performance chapter, read last and by fewer readers, loads with its own cells instead.
 */
import { createElement, lazy, Suspense, type ComponentType } from 'react';
import type { Slug } from '../state/chapters';
import Overview from '../../content/overview.mdx';
import SimpleLstm from '../../content/01-simple-lstm.mdx';
import Bias from '../../content/02-bias.mdx';
import TemporalLoop from '../../content/03-temporal-loop.mdx';
import Options from '../../content/04-options.mdx';
import Training from '../../content/05-training.mdx';

type Page = ComponentType<{ components?: Record<string, unknown> }>;

const LazyPerformance = lazy(() => import('./PerformancePage'));
const Performance: Page = (props) =>
  createElement(
    Suspense,
    {
      fallback: createElement(
        'p',
        { className: 'loading', role: 'status' },
        'Loading the chapter…',
      ),
    },
    createElement(LazyPerformance, props),
  );

export const PAGES: Record<Slug, Page> = {
  '': Overview as Page,
  'simple-lstm': SimpleLstm as Page,
  bias: Bias as Page,
  'temporal-loop': TemporalLoop as Page,
  options: Options as Page,
  training: Training as Page,
  performance: Performance,
};
