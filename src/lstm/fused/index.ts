/** The fast path: one kernel per time step per backend, with its gradient. */
export { fusedLstm, type FusedOptions, type FusedResult } from './op';
export { FusedLSTM, type FusedLSTMArgs } from './layer';
export { buildFusedTutorialModel, trainHistory, trainingSetup, type TrainedImpl } from './model';
export {
  cpuForward,
  cpuBackward,
  type FusedDims,
  type FusedInputs,
  type FusedForward,
  type FusedGrads,
} from './cpuKernel';
