/**
 * Chapter 5's gradient check as plain numbers: what crosses from the engine worker to the page.
 * No tensors, no tfjs; the page imports this module.
 */
import type { BreakVariant, ModelKind } from '../experimentTypes';
import type { GateKey } from '../gates';

/** The tutorial model's weights, in `getWeights()` order. */
export const WEIGHT_NAMES = [
  'kernel',
  'recurrentKernel',
  'bias',
  'denseKernel',
  'denseBias',
] as const;
export type WeightName = (typeof WEIGHT_NAMES)[number];

/** How the notebook writes each weight, as in the equations. */
export const WEIGHT_SYMBOLS: Record<WeightName, string> = {
  kernel: 'W (kernel)',
  recurrentKernel: 'U (recurrent kernel)',
  bias: 'b (bias)',
  denseKernel: 'Dense kernel',
  denseBias: 'Dense bias',
};

/** The four gates whose weights the LSTM learns (c and h have none of their own). */
export type WeightGate = Extract<GateKey, 'i' | 'f' | 'g' | 'o'>;
export const WEIGHT_GATES: readonly WeightGate[] = ['i', 'f', 'g', 'o'];

/** L2 norm of ∂L/∂(W, U, b) restricted to one gate's columns, for each gate. */
export type GateNorms = Record<WeightGate, number>;

/** One weight's gradient: the hand-written layer's against the library's. */
export interface WeightGradient {
  name: WeightName;
  shape: number[];
  /** max |∂L/∂w custom − ∂L/∂w library| over the weight's elements. */
  maxAbsDiff: number;
  /** The largest |∂L/∂w| of the library, the scale the difference is read against. */
  maxAbs: number;
  /** maxAbsDiff / maxAbs (0 when both are 0). */
  relError: number;
}

/** One sampled weight: both autodiff gradients against a central finite difference in float64. */
export interface FiniteDifferenceSample {
  weight: WeightName;
  /** Flat row-major index into the weight; row and column for a matrix. */
  index: number;
  row: number;
  col: number;
  /** Whose columns the element sits in (null for the dense layer). */
  gate: WeightGate | null;
  /** (L(w + h) − L(w − h)) / 2h, with the plain-array reference in float64. */
  finiteDiff: number;
  custom: number;
  library: number;
  /** |autodiff − finite difference| / |finite difference|. */
  relCustom: number;
  relLibrary: number;
}

/** Where the weights come from: the run's starting weights, or the model as training left it. */
export const CHECK_AT = ['start', 'now'] as const;
export type CheckAt = (typeof CHECK_AT)[number];

export interface GradientCheck {
  at: CheckAt;
  /** The batch the gradient is taken on (the one the next update uses), from 1. */
  epoch: number;
  batch: number;
  batches: number;
  /** Updates both models had made when the check ran (0: the starting weights). */
  trained: number;
  /** The samples of that batch. */
  samples: number;
  breakIt: BreakVariant;
  /** The batch's loss as each side computes it; `reference` in float64. */
  loss: Record<ModelKind | 'reference', number>;
  weights: WeightGradient[];
  finiteDifferences: FiniteDifferenceSample[];
  /** The finite difference's step h. */
  step: number;
  gateNorms: Record<ModelKind, GateNorms>;
}
