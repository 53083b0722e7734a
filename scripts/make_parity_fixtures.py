#!/usr/bin/env python3
"""Write the JSON fixtures that pin src/parity/ to the real generators.

Run from the repository root:

    python3 scripts/make_parity_fixtures.py

Python's `random` and NumPy's legacy `RandomState` need only python3 + NumPy. The TensorFlow
fixtures need `import tensorflow` to work; without it they are skipped and the committed files
are left as they are. Float32 values are stored as their uint32 bit patterns so tests can
compare them exactly; integers wider than 2**53 are stored as decimal strings.
"""

import json
import math
import os
import random
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "unit", "fixtures", "parity")
MAXINT32 = 2**31 - 1


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(path))


def f32_bits(values):
    return np.asarray(values, dtype=np.float32).reshape(-1).view(np.uint32).tolist()


def python_random_fixture():
    cases = []
    for seed in [0, 1, 313, -313, 2**32 + 5, 12345678901234567890]:
        rng = random.Random(seed)
        case = {"seed": str(seed)}
        case["getrandbits32"] = [rng.getrandbits(32) for _ in range(6)]
        case["getrandbits7"] = [rng.getrandbits(7) for _ in range(6)]
        case["getrandbits64"] = [str(rng.getrandbits(64)) for _ in range(3)]
        case["getrandbits100"] = [str(rng.getrandbits(100)) for _ in range(2)]
        case["randintOpSeed"] = [rng.randint(0, MAXINT32) for _ in range(8)]
        case["randintDie"] = [rng.randint(1, 6) for _ in range(8)]
        case["randintWide"] = [rng.randint(-(2**40), 2**40) for _ in range(4)]
        case["random"] = [rng.random() for _ in range(4)]
        cases.append(case)
    write("python_random.json", {"python": sys.version.split()[0], "cases": cases})


def numpy_fixture():
    cases = []
    for seed in [0, 1, 313, 2**32 - 1]:
        np.random.seed(seed)
        cases.append({"seed": seed, "random": np.random.random(12).tolist()})
    # The tutorial's training data: seed_all(313), then xx (100, 5, 3) and y (100, 1).
    np.random.seed(313)
    xx = np.random.random((100, 5, 3))
    y = np.random.random((100, 1))
    flat = xx.reshape(-1)
    tutorial = {
        "xxHead": flat[:8].tolist(),
        "xxAt": {str(i): float(flat[i]) for i in [100, 777, 1499]},
        "xxSum": float(xx.sum()),
        "yHead": y.reshape(-1)[:8].tolist(),
        "yAt": {"99": float(y[99, 0])},
        "ySum": float(y.sum()),
    }
    write("numpy_random.json", {"numpy": np.__version__, "cases": cases, "tutorial": tutorial})


def tf_fixtures(tf):
    from tensorflow.python.framework import random_seed
    from tensorflow.python.ops import gen_random_ops

    def op_seeds_after(seed, count):
        tf.random.set_seed(seed)
        return [list(random_seed.get_seed(None)) for _ in range(count)]

    def raw(kind, n, seeds):
        # set_seed clears the eager kernel cache, so each call starts a fresh Philox stream.
        tf.random.set_seed(0)
        s1, s2 = seeds
        if kind == "uniform":
            t = gen_random_ops.random_uniform([n], tf.float32, seed=s1, seed2=s2)
        elif kind == "normal":
            t = gen_random_ops.random_standard_normal([n], tf.float32, seed=s1, seed2=s2)
        else:
            t = gen_random_ops.truncated_normal([n], tf.float32, seed=s1, seed2=s2)
        return f32_bits(t.numpy())

    streams = []
    for seeds in [[313, 12345], [1, 0], [0, MAXINT32], [7, 2**31 - 2]]:
        streams.append(
            {
                "seeds": seeds,
                "uniform": raw("uniform", 41, seeds),
                "normal": raw("normal", 42, seeds),
                "truncatedNormal": raw("truncated", 21, seeds),
            }
        )

    # The public API on top: set_seed, then unseeded ops take op seeds from the global stream.
    tf.random.set_seed(313)
    api_uniform = tf.random.uniform([10], -0.25, 0.75)
    api_normal = tf.random.normal([10], 0.5, 2.0)
    api_trunc = tf.random.truncated_normal([10], 0.0, 0.3)
    api = {
        "seed": 313,
        "opSeeds": op_seeds_after(313, 5),
        "zeroSeedOpSeeds": op_seeds_after(0, 3),
        "bigSeedOpSeeds": op_seeds_after(2**31 + 10, 2),
        "uniformMinus025To075": f32_bits(api_uniform),
        "normalMean05Std2": f32_bits(api_normal),
        "truncatedNormalStd03": f32_bits(api_trunc),
    }
    write("tf_random.json", {"tensorflow": tf.__version__, "streams": streams, "api": api})

    # The tutorial's weight draws (Keras 2.7 initializers run eagerly on tf.random ops).
    def tutorial_draw(input_dim, units, dense_units):
        tf.random.set_seed(313)
        k_shape = (input_dim, 4 * units)
        k_limit = math.sqrt(3.0 / max(1.0, (k_shape[0] + k_shape[1]) / 2.0))
        kernel = tf.random.uniform(k_shape, -k_limit, k_limit)
        rows, cols = units, 4 * units
        normal = tf.random.normal((max(rows, cols), min(rows, cols)))
        q, r = tf.linalg.qr(normal, full_matrices=False)
        q = q * tf.sign(tf.linalg.tensor_diag_part(r))
        if rows < cols:
            q = tf.linalg.matrix_transpose(q)
        rec = tf.reshape(q, (rows, cols))
        out = {
            "inputDim": input_dim,
            "units": units,
            "kernelLimit": k_limit,
            "kernel": f32_bits(kernel),
            "recurrentNormal": f32_bits(normal),
            "recurrentKernel": f32_bits(rec),
        }
        if dense_units:
            d_limit = math.sqrt(3.0 / max(1.0, (units + dense_units) / 2.0))
            out["denseUnits"] = dense_units
            out["denseKernel"] = f32_bits(tf.random.uniform((units, dense_units), -d_limit, d_limit))
        return out

    write(
        "tf_tutorial_weights.json",
        {
            "tensorflow": tf.__version__,
            "chapters1to4": tutorial_draw(3, 32, 0),
            "chapter5": tutorial_draw(3, 8, 1),
        },
    )

    # Shuffles: a stateful RandomShuffle kernel inside a traced function keeps its Philox state
    # across calls, as the Keras data pipeline's kernel does across epochs.
    def fn_shuffles(seed, n, calls, seed2=None):
        tf.random.set_seed(seed)
        if seed2 is None:
            f = tf.function(lambda: tf.random.shuffle(tf.range(n)))
        else:
            f = tf.function(lambda: gen_random_ops.random_shuffle(tf.range(n), seed=seed, seed2=seed2))
        return [f().numpy().tolist() for _ in range(calls)]

    def dataset_shuffles(seed, n, epochs):
        tf.random.set_seed(seed)
        ds = tf.data.Dataset.range(1).repeat(epochs)
        ds = ds.map(lambda _: tf.random.shuffle(tf.range(n, dtype=tf.int64))).prefetch(1)
        return [p.numpy().tolist() for p in ds]

    write(
        "tf_shuffle.json",
        {
            "tensorflow": tf.__version__,
            "tfFunction": [
                {"seed": 313, "n": 100, "opSeed": 0, "perms": fn_shuffles(313, 100, 10)},
                {"seed": 42, "n": 7, "opSeed": 0, "perms": fn_shuffles(42, 7, 6)},
                {"seed": 313, "n": 100, "opSeed": 5, "perms": fn_shuffles(313, 100, 3, seed2=5)},
                {"seed": 9, "n": 2, "opSeed": 3, "perms": fn_shuffles(9, 2, 4, seed2=3)},
            ],
            "dataset": {"seed": 313, "n": 100, "perms": dataset_shuffles(313, 100, 3)},
        },
    )


def tutorial_fit_fixture(tf):
    """Chapter 5's training run in plain TF ops, fed the emulated Keras 2.7 seeds and order.

    Weights: set_seed(313), then the LSTM kernel, recurrent kernel and Dense kernel draws.
    Order: the shuffle kernel with seeds (313, 0), kept across epochs. Optimizer: Keras 2.7's
    default RMSprop (lr 1e-3, rho 0.9, epsilon 1e-7). If the emulation is right, the epoch
    losses round to the ones the tutorial printed.
    """
    units, input_dim, epochs, batch = 8, 3, 10, 10
    tf.random.set_seed(313)
    k_limit = math.sqrt(3.0 / ((input_dim + 4 * units) / 2.0))
    kernel = tf.random.uniform((input_dim, 4 * units), -k_limit, k_limit)
    q, r = tf.linalg.qr(tf.random.normal((4 * units, units)), full_matrices=False)
    rec = tf.transpose(q * tf.sign(tf.linalg.tensor_diag_part(r)))
    d_limit = math.sqrt(3.0 / ((units + 1) / 2.0))
    dense = tf.random.uniform((units, 1), -d_limit, d_limit)
    params = [tf.Variable(v) for v in (kernel, rec, tf.zeros(4 * units), dense, tf.zeros(1))]

    tf.random.set_seed(313)
    shuffle = tf.function(lambda: tf.random.shuffle(tf.range(100)))
    perms = [shuffle().numpy() for _ in range(epochs)]

    np.random.seed(313)
    xx = np.random.random((100, 5, input_dim)).astype(np.float32)
    y = np.random.random((100, 1)).astype(np.float32)

    def predict(x):
        k, rk, b, dk, db = params
        h = c = tf.zeros((x.shape[0], units))
        for t in range(x.shape[1]):
            zi, zf, zc, zo = tf.split(tf.matmul(x[:, t], k) + tf.matmul(h, rk) + b, 4, axis=1)
            c = tf.sigmoid(zf) * c + tf.sigmoid(zi) * tf.tanh(zc)
            h = tf.sigmoid(zo) * tf.tanh(c)
        return tf.matmul(h, dk) + db

    rms = [tf.zeros_like(p) for p in params]
    batch_losses = []
    for perm in perms:
        for start in range(0, 100, batch):
            idx = perm[start : start + batch]
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(tf.gather(y, idx) - predict(tf.gather(xx, idx))))
            for j, (p, g) in enumerate(zip(params, tape.gradient(loss, params))):
                rms[j] = 0.9 * rms[j] + 0.1 * tf.square(g)
                p.assign_sub(0.001 * g / (tf.sqrt(rms[j]) + 1e-7))
            batch_losses.append(float(loss))
    epoch_losses = [float(np.mean(batch_losses[e * batch : (e + 1) * batch])) for e in range(epochs)]
    write(
        "tf_tutorial_fit.json",
        {
            "tensorflow": tf.__version__,
            "seed": 313,
            "batchLosses": batch_losses,
            "epochLosses": epoch_losses,
            "epochLossSum": sum(epoch_losses),
            "printed": {
                "epochLosses": "0.2250 0.1670 0.1329 0.1106 0.0976 0.0920 0.0903 0.0900 0.0893 0.0886".split(),
                "firstBatchLosses": "0.2666 0.1784 0.1832 0.0520 0.1114 0.0948 0.1118 0.0413 0.1029 0.0631".split(),
                "epochLossSum": 1.183198258280754,
            },
        },
    )


def main():
    os.makedirs(OUT, exist_ok=True)
    python_random_fixture()
    numpy_fixture()
    try:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow as tf
    except ImportError:
        print("tensorflow not importable: TF fixtures left as committed")
        return
    tf_fixtures(tf)
    tutorial_fit_fixture(tf)


if __name__ == "__main__":
    main()
