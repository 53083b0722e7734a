/**
 * The engine's public API: an LSTM rebuilt from four equations and a for loop on TensorFlow.js,
 * next to the library LSTM set up the Keras way. No UI imports: usable from Node.
 */
export {
  lstmStep,
  splitWeights,
  type GateWeights,
  type LSTMWeights,
  type StepResult,
} from './cell';
export { rnn, type RnnResult, type StepFunction } from './rnn';
export { temporalLoop, type LoopResult } from './loop';
export { LSTMBase, type LSTMBaseArgs } from './layers/base';
export { SimpleLSTM } from './layers/simpleLstm';
export { LSTMWithBias } from './layers/lstmWithBias';
export { TemporalLoopLSTM } from './layers/temporalLoopLstm';
export { LSTMWithOptions, type LSTMWithOptionsArgs } from './layers/lstmWithOptions';
export { kerasEquivalent, applyKerasEquivalent, type KerasEquivalentOptions } from './keras';
// The fast path: one GPU dispatch per time step on WebGL, typed-array loops elsewhere.
export * from './fused';
export { createInitializer, INIT_NAMES, type InitSpec } from './initializers';
export { referenceForward, referenceStep, type PlainWeights, type PlainStep } from './reference';
export { traceLSTM } from './traces';
export * from './gates';
export * from './traceData';
export { KerasRMSprop, type RMSpropConfig } from './train/rmsprop';
export { KerasAdam, type AdamConfig } from './train/adam';
export {
  createOptimizer,
  clipGradients,
  KerasSGD,
  TfjsRMSprop,
  type Clipping,
  type Optimizer,
} from './train/optimizers';
export * from './train/optimizerTypes';
export { Trainer, type BatchOrder, type BatchResult, type TrainerConfig } from './train/trainer';
export { fit, yieldToEventLoop, type FitOptions } from './train/fit';
export { inOrder, seededShuffle } from './train/batchOrder';
export { buildTutorialModel, readWeights, writeWeights } from './train/model';
// What the notebook runs (compareForward, inspectForward, ... and their types), as it loads them.
export * from './experiments';
// A value here, where experiments.ts only names its type.
export { TrainingSession, type StepReport } from './train/session';
