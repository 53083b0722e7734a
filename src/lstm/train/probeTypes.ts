/** How one training setting went, as plain numbers: what a prediction question is answered from. */
export interface LossProbe {
  /** The learning rate the run used. */
  learningRate: number;
  /** Mean loss of each finished epoch. */
  epochLosses: number[];
  /** Loss of the first batch and of the last one trained. */
  firstLoss: number;
  lastLoss: number;
  /** The run stopped early: a non-finite or exploded loss. */
  diverged: boolean;
}
