"""Writes the golden fixture of NumpyRandomStateTests: numpy's legacy RandomState(seed).permutation(60000), the draw the
Improved-GAN authors' train_mnist_feature_matching.py makes with --seed_data to choose the labelled MNIST examples.

Run once with any numpy (its legacy RandomState stream is frozen): python3 scripts/make_label_set_fixture.py OUT.json
The fixture holds the first 300 entries of each permutation and the SHA-256 of the whole one as big-endian int32 values.
"""
import hashlib
import json
import sys

import numpy as np

out = {"numpy": np.__version__, "n": 60000, "permutations": {}}
for seed in (1, 2, 3):
    p = np.random.RandomState(seed).permutation(60000)
    out["permutations"][str(seed)] = {
        "first": [int(v) for v in p[:300]],
        "sha256_int32_be": hashlib.sha256(p.astype(">i4").tobytes()).hexdigest(),
    }
with open(sys.argv[1], "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
