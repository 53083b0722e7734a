/**
 * Keep chapter 5's trained model and bring it back: save the hand-written model with what it
 * predicted, load it (the custom layer registered), run it again on the same data and say how
 * far today's predictions are from the saved ones. Zero, when saving and loading lose nothing.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../experimentTypes';
import { freshData, tutorialData } from '../seeding';
import {
  fromArtifacts,
  loadFromBrowser,
  METADATA_FORMAT,
  saveToBrowser,
  toArtifacts,
  type PlainArtifacts,
  type SavedMetadata,
} from './persist';
import type { KeepPlace, KeptModel } from './predictionTypes';

/** Save `model` with its predictions; a file save returns the two files' bytes. */
export async function keepModel(
  model: tf.LayersModel,
  config: TrainConfig,
  to: KeepPlace,
): Promise<{ savedAt: string; file?: PlainArtifacts }> {
  const { seed, samples, timesteps, features } = config;
  const data = tutorialData(seed, samples, timesteps, features);
  const predictions = await predictOn(model, data.x, config);
  const metadata: SavedMetadata = {
    format: METADATA_FORMAT,
    config: { ...config },
    predictions: Array.from(predictions),
    savedAt: new Date().toISOString(),
  };
  if (to === 'browser') {
    await saveToBrowser(model, metadata);
    return { savedAt: metadata.savedAt };
  }
  return { savedAt: metadata.savedAt, file: await toArtifacts(model, metadata) };
}

/**
 * Load a kept model and run it again. `checkConfig` vets the saved settings as a training
 * request would be vetted (a file can say anything); it throws with a readable message.
 */
export async function reloadModel(
  from: KeepPlace,
  file: PlainArtifacts | null,
  checkConfig: (raw: unknown) => TrainConfig,
): Promise<KeptModel> {
  const loaded = from === 'browser' ? await loadFromBrowser() : await fromArtifacts(file!);
  try {
    const { metadata, model } = loaded;
    if (!metadata) {
      throw new Error(
        'This model was not saved by this notebook: it carries no training settings.',
      );
    }
    const config = checkConfig(metadata.config);
    const { seed, samples, timesteps, features } = config;
    const shape = model.inputs[0]?.shape ?? [];
    if (shape[1] !== timesteps || shape[2] !== features) {
      throw new Error(
        `The model takes [${shape.join(', ')}] but its settings say ${timesteps} steps of ${features} features.`,
      );
    }
    if (metadata.predictions.length !== samples) {
      throw new Error(
        `The file holds ${metadata.predictions.length} saved predictions, not ${samples}.`,
      );
    }
    const data = tutorialData(seed, samples, timesteps, features);
    const fresh = freshData(seed, samples, timesteps, features);
    const predictions = await predictOn(model, data.x, config);
    const saved = Float32Array.from(metadata.predictions, (v) => v ?? NaN);
    let maxAbsDiff = 0;
    for (let k = 0; k < samples; k++) {
      const d = Math.abs(predictions[k]! - saved[k]!);
      if (d > maxAbsDiff || Number.isNaN(d)) maxAbsDiff = d;
    }
    return {
      from,
      config,
      savedAt: metadata.savedAt,
      train: { targets: data.y, predictions, saved },
      fresh: { targets: fresh.y, predictions: await predictOn(model, fresh.x, config) },
      maxAbsDiff,
    };
  } finally {
    loaded.model.dispose();
  }
}

async function predictOn(
  model: tf.LayersModel,
  x: Float32Array,
  c: Pick<TrainConfig, 'samples' | 'timesteps' | 'features'>,
): Promise<Float32Array> {
  const out = tf.tidy(() => {
    const input = tf.tensor3d(x, [c.samples, c.timesteps, c.features]);
    return tf.reshape(model.apply(input) as tf.Tensor, [-1]);
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}
