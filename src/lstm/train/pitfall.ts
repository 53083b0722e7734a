/**
 * The optimizer pitfall, measured: the hand-written model trained twice from the same weights on
 * the same batches, once with Keras' RMSprop (as the tutorial compiles it) and once with tfjs'
 * built-in `tf.train.rmsprop(learningRate)`, epsilon left unset as a tfjs user would leave it.
 * Everything else is equal, so any gap between the two loss histories is the optimizer's.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../experimentTypes';
import { KERAS_DEFAULT_INITS, PLACEHOLDER_SPECS, epochOrder, tutorialData } from '../seeding';
import { startWeights } from '../startWeights';
import { yieldToEventLoop } from './fit';
import { buildTutorialModel } from './model';
import type { OptimizerComparison, OptimizerRun } from './pitfallTypes';
import { optimizerOf } from './session';
import { Trainer } from './trainer';

/**
 * `tfjsEpsilon` replaces the backend's epsilon for tfjs' side; the notebook never sets it (the
 * pitfall is the default), tests do, to reproduce on the CPU what WebGL hands out.
 */
export async function compareOptimizers(
  config: TrainConfig,
  signal?: AbortSignal,
  tfjsEpsilon?: number,
): Promise<OptimizerComparison> {
  const { samples, timesteps, features, units, epochs, seed } = config;
  const made: { dispose(): unknown }[] = [];
  const own = <T extends { dispose(): unknown }>(thing: T): T => (made.push(thing), thing);
  try {
    const data = tutorialData(seed, samples, timesteps, features);
    const x = own(tf.tensor3d(data.x, [samples, timesteps, features]));
    const y = own(tf.tensor2d(data.y, [samples, 1]));
    const weights = startWeights(config, true, KERAS_DEFAULT_INITS, true);
    made.push(...weights);
    const order = epochOrder(config.seeding, seed, samples, epochs);
    const clip = optimizerOf(config);
    const run = (name: 'rmsprop' | 'tfjs-rmsprop') => {
      const model = own(
        buildTutorialModel({ kind: 'custom', units, timesteps, features, ...PLACEHOLDER_SPECS }),
      );
      model.setWeights(weights);
      const trainer = own(
        new Trainer(model, x, y, {
          batchSize: config.batchSize,
          batchOrder: order,
          optimizer: {
            ...clip,
            name,
            ...(name === 'tfjs-rmsprop' && tfjsEpsilon !== undefined
              ? { epsilon: tfjsEpsilon }
              : {}),
          },
        }),
      );
      const history: OptimizerRun = { name, epochLosses: [], batchLosses: [], diverged: false };
      return { trainer, history };
    };
    const sides = [run('rmsprop'), run('tfjs-rmsprop')] as const;
    const total = epochs * sides[0].trainer.batchesPerEpoch;
    for (let k = 0; k < total; k++) {
      for (const { trainer, history } of sides) {
        if (history.diverged) continue;
        const r = await trainer.trainBatch();
        history.batchLosses.push(r.loss);
        if (r.epochLoss !== undefined) history.epochLosses.push(r.epochLoss);
        if (!Number.isFinite(r.loss)) history.diverged = true;
      }
      signal?.throwIfAborted();
      await yieldToEventLoop();
    }
    return {
      keras: sides[0].history,
      tfjs: sides[1].history,
      tfjsEpsilon: tfjsEpsilon ?? tf.backend().epsilon(),
    };
  } finally {
    for (const thing of made.reverse()) thing.dispose();
  }
}
