import * as tf from '@tensorflow/tfjs';

/**
 * Free a standalone layer's weights, whatever state an error left it in. tfjs' `layer.dispose()`
 * throws for a layer whose first call did not finish (not built yet, or built but its starting
 * weights refused): it would leak the weights the layer did create and replace the error being
 * unwound with its own.
 */
export function disposeLayer(layer: tf.layers.Layer): void {
  tf.dispose(layer.weights.map((w) => w.read()));
}
