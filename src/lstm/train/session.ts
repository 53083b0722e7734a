import * as tf from '@tensorflow/tfjs';
import type { BreakVariant, ModelKind, TrainConfig } from '../experimentTypes';
import { PLACEHOLDER_SPECS, epochOrder, freshData, tutorialData } from '../seeding';
import { checkGradients } from './gradients';
import type { CheckAt, GradientCheck } from './gradientTypes';
import type { OptimizerSpec } from './optimizerTypes';
import { keepModel } from './keep';
import type { KeepPlace, Predictions } from './predictionTypes';
import { buildTutorialModel, readWeights, writeWeights } from './model';
import { Trainer, type BatchResult } from './trainer';
import { EXPLODED_FACTOR } from './progress';

/** What one lockstep step reports: the same batch, trained on each model. */
export type StepReport = Record<ModelKind, BatchResult>;

/**
 * Chapter 5's two models (hand-written LSTM and tf.layers.lstm, each followed by Dense(1)) trained
 * in lockstep: every `step()` feeds the same batch to both, so their curves can be drawn point by
 * point while they learn. `reset()` returns both to the same starting weights. Holds tensors:
 * call `dispose()` when done. Everything it returns is plain numbers.
 */
export class TrainingSession {
  /** The training data as plain arrays, for the float64 reference. */
  private readonly data: { x: Float32Array; y: Float32Array };
  private readonly x: tf.Tensor3D;
  private readonly y: tf.Tensor2D;
  private readonly models: Record<ModelKind, tf.Sequential>;
  private readonly startWeights: Float32Array[];
  private trainers: Record<ModelKind, Trainer>;
  /** Batches each model has trained; lockstep keeps them at most one apart. */
  private trained: Record<ModelKind, number> = { custom: 0, library: 0 };
  /** A library model the gradient check loads the custom model's weights into (made on first use). */
  private probe: tf.Sequential | null = null;

  constructor(
    readonly config: TrainConfig,
    /** Starting weights in getWeights() order; see `startWeights` in experiments. */
    weights: tf.Tensor[],
  ) {
    // Whatever is made before a failure is freed before the error leaves the constructor.
    const made: { dispose(): unknown }[] = [];
    const own = <T extends { dispose(): unknown }>(thing: T): T => {
      made.push(thing);
      return thing;
    };
    try {
      const data = tutorialData(config.seed, config.samples, config.timesteps, config.features);
      this.data = data;
      this.x = own(tf.tensor3d(data.x, [config.samples, config.timesteps, config.features]));
      this.y = own(tf.tensor2d(data.y, [config.samples, 1]));
      const shape = { units: config.units, timesteps: config.timesteps, features: config.features };
      // Built with cheap placeholders, then both overwritten with the same starting weights.
      this.models = {
        custom: own(buildTutorialModel({ kind: 'custom', ...shape, ...PLACEHOLDER_SPECS })),
        library: own(buildTutorialModel({ kind: 'library', ...shape, ...PLACEHOLDER_SPECS })),
      };
      this.models.custom.setWeights(weights);
      this.models.library.setWeights(weights);
      this.startWeights = readWeights(this.models.custom);
      this.trainers = this.makeTrainers();
    } catch (error) {
      for (const thing of made.reverse()) thing.dispose();
      throw error;
    }
  }

  get batchesPerEpoch(): number {
    return this.trainers.custom.batchesPerEpoch;
  }

  get totalSteps(): number {
    return this.batchesPerEpoch * this.config.epochs;
  }

  /** Batches trained so far on both models. */
  get steps(): number {
    return Math.min(this.trained.custom, this.trained.library);
  }

  get done(): boolean {
    return this.steps >= this.totalSteps;
  }

  /**
   * Train the next batch on one model. A caller that wants to hand the event loop back between
   * the two models (a page that must stay responsive) calls this for each in turn.
   */
  async trainOne(kind: ModelKind): Promise<BatchResult> {
    const other = kind === 'custom' ? 'library' : 'custom';
    if (this.trained[kind] > this.trained[other]) {
      throw new Error(`The ${kind} model is a batch ahead; train the ${other} model first.`);
    }
    if (this.trained[kind] >= this.totalSteps) {
      throw new Error('This training run has finished; reset it to train again.');
    }
    // Counted before the await, so a second call cannot slip in while this batch runs.
    this.trained[kind]++;
    return this.trainers[kind].trainBatch();
  }

  /**
   * Train one model alone to the end of the run, or until its loss stops being finite or
   * explodes: a throwaway run that asks only how one setting learns (the other model stays put).
   */
  async trainAlone(kind: ModelKind, signal?: AbortSignal): Promise<BatchResult[]> {
    const out: BatchResult[] = [];
    while (this.trained[kind] < this.totalSteps) {
      signal?.throwIfAborted();
      this.trained[kind]++;
      const r = await this.trainers[kind].trainBatch();
      out.push(r);
      if (!Number.isFinite(r.loss) || r.loss > EXPLODED_FACTOR * out[0]!.loss) break;
    }
    return out;
  }

  /** Train one batch on each model. */
  async step(): Promise<StepReport> {
    const custom = await this.trainOne('custom');
    return { custom, library: await this.trainOne('library') };
  }

  /** Back to the starting weights, fresh optimizer state and the first batch. */
  reset(): void {
    for (const kind of ['custom', 'library'] as const) {
      this.trainers[kind].dispose();
      writeWeights(this.models[kind], this.startWeights);
    }
    this.trainers = this.makeTrainers();
    this.trained = { custom: 0, library: 0 };
  }

  /**
   * Both models' gradients at the hand-written model's current weights, on the batch the next
   * update will use (the last one, once the run is done), with `breakIt` applied to ours.
   */
  async gradientCheck(breakIt: BreakVariant, at: CheckAt = 'now'): Promise<GradientCheck> {
    const { units, timesteps, features, epochs } = this.config;
    const trainer = this.trainers.custom;
    const batches = this.batchesPerEpoch;
    const { epoch, batch } =
      at === 'start'
        ? { epoch: 0, batch: 0 }
        : this.done
          ? { epoch: epochs - 1, batch: batches - 1 }
          : trainer.position;
    const indices = trainer.batchIndices(epoch, batch);
    const per = timesteps * features;
    const x = new Float32Array(indices.length * per);
    indices.forEach((sample, k) =>
      x.set(this.data.x.subarray(sample * per, (sample + 1) * per), k * per),
    );
    const y = Float32Array.from(indices, (sample) => this.data.y[sample]!);
    const weights =
      at === 'start'
        ? this.startWeights
        : ((await Promise.all(
            this.models.custom.getWeights().map((w) => w.data()),
          )) as Float32Array[]);
    this.probe ??= buildTutorialModel({
      kind: 'library',
      units,
      timesteps,
      features,
      ...PLACEHOLDER_SPECS,
    });
    return checkGradients({
      weights,
      units,
      features,
      batch: { samples: indices.length, timesteps, x, y },
      breakIt,
      library: this.probe,
      where: {
        at,
        epoch: epoch + 1,
        batch: batch + 1,
        batches,
        trained: at === 'start' ? 0 : this.steps,
      },
    });
  }

  /** Both models' predictions for the training data and for fresh data, read back at once. */
  async predict(): Promise<Predictions> {
    const { seed, samples, timesteps, features } = this.config;
    const fresh = freshData(seed, samples, timesteps, features);
    const packed = tf.tidy(() => {
      const xFresh = tf.tensor3d(fresh.x, [samples, timesteps, features]);
      const out = (m: tf.LayersModel, x: tf.Tensor) => tf.reshape(m.apply(x) as tf.Tensor, [-1]);
      const { custom, library } = this.models;
      return tf.concat([
        out(custom, this.x),
        out(library, this.x),
        out(custom, xFresh),
        out(library, xFresh),
      ]);
    });
    const all = (await packed.data()) as Float32Array;
    packed.dispose();
    const part = (k: number) => all.slice(k * samples, (k + 1) * samples);
    return {
      trained: this.steps,
      train: { targets: this.data.y.slice(), custom: part(0), library: part(1) },
      fresh: { targets: fresh.y, custom: part(2), library: part(3) },
    };
  }

  /** Save the hand-written model as it stands, with its predictions (see keep.ts). */
  save(to: KeepPlace) {
    return keepModel(this.models.custom, this.config, to);
  }

  dispose(): void {
    this.probe?.dispose();
    this.probe = null;
    for (const kind of ['custom', 'library'] as const) {
      this.trainers[kind].dispose();
      this.models[kind].dispose();
    }
    tf.dispose([this.x, this.y]);
  }

  private makeTrainers(): Record<ModelKind, Trainer> {
    const order = epochOrder(
      this.config.seeding,
      this.config.seed,
      this.config.samples,
      this.config.epochs,
    );
    const make = (kind: ModelKind) =>
      new Trainer(this.models[kind], this.x, this.y, {
        batchSize: this.config.batchSize,
        batchOrder: order,
        optimizer: optimizerOf(this.config),
      });
    return { custom: make('custom'), library: make('library') };
  }
}

/** The optimizer a training config asks for; a clip of 0 is no clip. */
export function optimizerOf(config: TrainConfig): OptimizerSpec {
  const { clipnorm, clipvalue } = config;
  return {
    name: config.optimizer ?? 'rmsprop',
    learningRate: config.learningRate,
    ...(clipnorm ? { clipnorm } : {}),
    ...(clipvalue ? { clipvalue } : {}),
  };
}
