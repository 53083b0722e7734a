/** The notebook's pages, in reading order. The slugs are part of every shared link: keep them. */
import type { Profile } from './hyperparams';

export type Slug =
  '' | 'simple-lstm' | 'bias' | 'temporal-loop' | 'options' | 'training' | 'performance';

export interface ChapterMeta {
  slug: Slug;
  /** Chapter number as the tutorial orders them; 0 for the overview. */
  n: number;
  title: string;
  /** One line for the table of contents and the overview's list. */
  blurb: string;
  /** Which set of hyperparameters the page reads and writes. */
  profile: Profile;
}

export const CHAPTERS: readonly ChapterMeta[] = [
  {
    slug: '',
    n: 0,
    title: 'Overview',
    blurb: 'What an LSTM computes, and how this notebook checks it.',
    profile: 'forward',
  },
  {
    slug: 'simple-lstm',
    n: 1,
    title: 'A simple LSTM',
    blurb: 'Four equations in a cell, no bias, driven by an rnn() helper.',
    profile: 'forward',
  },
  {
    slug: 'bias',
    n: 2,
    title: 'Adding bias',
    blurb: 'One bias vector per gate, initialised to zeros.',
    profile: 'forward',
  },
  {
    slug: 'temporal-loop',
    n: 3,
    title: 'The temporal loop',
    blurb: 'Replace the helper with a plain for loop over time.',
    profile: 'forward',
  },
  {
    slug: 'options',
    n: 4,
    title: 'More options',
    blurb: 'Return sequences and states, time-major input, initializers.',
    profile: 'forward',
  },
  {
    slug: 'training',
    n: 5,
    title: 'Training',
    blurb: 'Fit both LSTMs with RMSprop and compare every epoch’s loss.',
    profile: 'training',
  },
  {
    slug: 'performance',
    n: 6,
    title: 'Performance',
    blurb: 'Why dispatch count rules WebGL, and a benchmark run on your device.',
    profile: 'forward',
  },
];

export function findChapter(slug: string): ChapterMeta | undefined {
  return CHAPTERS.find((c) => c.slug === slug);
}
