/**
 * Keep a trained model: as the two files tfjs' `downloads://` would write (model.json and the
 * weights), built as plain bytes so a worker can make them and the page offer the download; or in
 * the browser's IndexedDB. Both carry what the notebook needs to show the model again.
 */
import * as tf from '@tensorflow/tfjs';
// For its side effect: registers LSTMWithOptions, so a saved model of it can be rebuilt.
import '../layers/lstmWithOptions';

/** What the notebook stores beside the weights, in model.json's `userDefinedMetadata`. */
export interface SavedMetadata {
  format: 'lstm-notebook/1';
  /** The training config, plain JSON. */
  config: Record<string, unknown>;
  /** The model's predictions on its training data at save time (NaN is stored as null). */
  predictions: number[];
  /** ISO 8601. */
  savedAt: string;
}

/** The two files of a saved model, as plain data that can cross to the page. */
export interface PlainArtifacts {
  /** model.json: topology, weights manifest, format, metadata. */
  modelJson: string;
  /** The weights file model.json names. */
  weights: ArrayBuffer;
}

/** A model read back, and the notebook's metadata if it was saved by this notebook. */
export interface LoadedModel {
  /** Owned by the caller: dispose it. */
  model: tf.LayersModel;
  metadata: SavedMetadata | null;
}

export const METADATA_FORMAT = 'lstm-notebook/1';
export const WEIGHTS_FILE = 'lstm-notebook-model.weights.bin';
/** Where saveToBrowser keeps chapter 5's model (as `indexeddb://lstm-notebook/training`). */
export const BROWSER_KEY = 'lstm-notebook/training';

const INDEXEDDB = 'indexeddb://';

/**
 * A save handler that adds the metadata to what the model saves. The model itself is left as it
 * was: `setUserDefinedMetadata` would stay on a model that keeps training.
 */
function withMetadata(handler: tf.io.IOHandler, metadata: SavedMetadata): tf.io.IOHandler {
  // Through JSON, so both stores hold the same thing (IndexedDB would otherwise keep NaN as NaN).
  const plain = JSON.parse(JSON.stringify(metadata)) as SavedMetadata;
  return {
    save: (artifacts) => handler.save!({ ...artifacts, userDefinedMetadata: { ...plain } }),
  };
}

/** model.json and the weights of a model, exactly as `downloads://` would write them. */
export async function toArtifacts(
  model: tf.LayersModel,
  metadata: SavedMetadata,
): Promise<PlainArtifacts> {
  let out: PlainArtifacts | undefined;
  const capture: tf.io.IOHandler = {
    save: async (artifacts) => {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('A layers model saves its topology as JSON; got binary.');
      }
      const manifest: tf.io.WeightsManifestConfig = [
        { paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] },
      ];
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology!,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: manifest,
        userDefinedMetadata: artifacts.userDefinedMetadata,
      };
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
      out = { modelJson: JSON.stringify(json), weights };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
  await model.save(withMetadata(capture, metadata));
  return out!;
}

/** Bytes per stored element of a weight: its quantized type if any, else its dtype. */
function bytesPerElement(spec: tf.io.WeightsManifestEntry): number {
  const q = spec.quantization?.dtype;
  if (q) return q === 'uint8' ? 1 : 2;
  const bytes: Partial<Record<string, number>> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
  const b = bytes[spec.dtype];
  if (b === undefined) {
    throw new Error(
      `Weight ${spec.name} has dtype ${spec.dtype}, which this notebook cannot load.`,
    );
  }
  return b;
}

/** Layer class names of a layers-model topology (Sequential or functional), top level only. */
function layerClassNames(topology: unknown): string[] {
  const t = topology as { model_config?: unknown; config?: { layers?: unknown } } | null;
  const cfg = (t?.model_config ?? t) as { config?: { layers?: unknown } } | null;
  const layers = cfg?.config?.layers;
  if (!Array.isArray(layers)) return [];
  return layers.map((l: { class_name?: unknown }) => String(l?.class_name));
}

/** The metadata a loaded model carries, or null when it was not saved by this notebook. */
export function readMetadata(raw: unknown): SavedMetadata | null {
  const m = raw as Partial<Record<keyof SavedMetadata, unknown>> | null | undefined;
  if (!m || typeof m !== 'object' || m.format !== METADATA_FORMAT) return null;
  const config = m.config;
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error('The saved model says it is from this notebook but has no training config.');
  }
  const predictions = m.predictions;
  if (!Array.isArray(predictions) || predictions.some((p) => p !== null && typeof p !== 'number')) {
    throw new Error(
      'The saved model says it is from this notebook but its predictions are not numbers.',
    );
  }
  return {
    format: METADATA_FORMAT,
    config: config as Record<string, unknown>,
    predictions: predictions.map((p: number | null) => p ?? NaN),
    savedAt: typeof m.savedAt === 'string' ? m.savedAt : '',
  };
}

/**
 * Rebuild a model from artifacts, with clear errors for what tfjs would report obscurely. Not
 * `tf.loadLayersModel`: when the weights fail to load, it leaves the built model's behind.
 */
async function load(artifacts: tf.io.ModelArtifacts): Promise<LoadedModel> {
  const registry = tf.serialization.SerializationMap.getMap().classNameMap;
  // Checked before building: a layer built before an unknown one would leave its weights behind.
  const unknown = layerClassNames(artifacts.modelTopology).filter((c) => !(c in registry));
  if (unknown.length > 0) {
    throw new Error(
      `The saved model uses a layer this notebook does not know: ${unknown.join(', ')}.`,
    );
  }
  const metadata = readMetadata(artifacts.userDefinedMetadata);
  const topology = artifacts.modelTopology as tf.serialization.ConfigDict;
  const model = await tf.models.modelFromJSON({ modelTopology: topology });
  try {
    const weights = tf.io.decodeWeights(
      artifacts.weightData ?? new ArrayBuffer(0),
      artifacts.weightSpecs ?? [],
    );
    try {
      model.loadWeights(weights, true);
    } finally {
      tf.dispose(Object.values(weights));
    }
  } catch (error) {
    model.dispose();
    throw error;
  }
  if (artifacts.userDefinedMetadata) model.setUserDefinedMetadata(artifacts.userDefinedMetadata);
  return { model, metadata };
}

/** Read model.json and the weights back into a model and the metadata saved with it. */
export async function fromArtifacts(a: PlainArtifacts): Promise<LoadedModel> {
  let json: Partial<tf.io.ModelJSON>;
  try {
    json = JSON.parse(a.modelJson) as Partial<tf.io.ModelJSON>;
  } catch {
    throw new Error('model.json is not JSON: choose the model.json this notebook saved.');
  }
  if (!json || typeof json !== 'object' || json.modelTopology == null) {
    throw new Error('model.json has no modelTopology: it does not describe a model.');
  }
  if (json.format !== undefined && json.format !== 'layers-model') {
    throw new Error(`model.json holds a "${json.format}", not a layers model.`);
  }
  if (!Array.isArray(json.weightsManifest)) {
    throw new Error('model.json has no weightsManifest: it does not say what the weights are.');
  }
  const weightSpecs = json.weightsManifest.flatMap((group) => group?.weights ?? []);
  const expected = weightSpecs.reduce(
    (sum, s) => sum + bytesPerElement(s) * s.shape.reduce((n, d) => n * d, 1),
    0,
  );
  if (a.weights.byteLength !== expected) {
    throw new Error(
      `The weights file has ${a.weights.byteLength} bytes; model.json expects ${expected}. ` +
        'Choose the weights file saved with this model.json.',
    );
  }
  return load(tf.io.getModelArtifactsForJSONSync(json as tf.io.ModelJSON, weightSpecs, a.weights));
}

/** Keep the model in this browser's IndexedDB under `key`. */
export async function saveToBrowser(
  model: tf.LayersModel,
  metadata: SavedMetadata,
  key: string = BROWSER_KEY,
): Promise<void> {
  const [handler] = tf.io.getSaveHandlers(INDEXEDDB + key);
  if (!handler) throw new Error('This environment has no IndexedDB to keep the model in.');
  await model.save(withMetadata(handler, metadata));
}

/** The model kept under `key` by saveToBrowser, and its metadata. */
export async function loadFromBrowser(key: string = BROWSER_KEY): Promise<LoadedModel> {
  const url = INDEXEDDB + key;
  const saved = await tf.io.listModels();
  if (!(url in saved)) throw new Error(`No model is saved in this browser under "${key}".`);
  const [handler] = tf.io.getLoadHandlers(url);
  if (!handler?.load) throw new Error('This environment has no IndexedDB to read the model from.');
  return load(await handler.load());
}
