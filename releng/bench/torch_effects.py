#!/usr/bin/env python3
"""The reference's own effect checksum on weights VAEScope can load (companion of torch_reference.py).

torch_reference.py prints an `effect_checksum` for its trained model, whose weights it does not
save, so VAEScope cannot run the same sweep on them. This script takes the reference's model, image
generator and sweep unchanged (imported from torch_reference.py beside it), builds the model at a
fixed seed without training it, runs the reference's sweep on the reference's pairs and writes
  - the encoder weights in VAEScope's parameter names and layouts
    (conv: in x k x k x out, dense: in x out, dense bias: 1 x out),
  - the pairs (`base` = the reference's targets, `changed` = its sources),
to an .npz file, and prints the checksum as JSON. `./vaescope benchmark compare-torch` then runs
VAEScope's sweep on that model and those pairs and compares its checksum with this one.
usage: torch_effects.py OUT.npz [--pairs 64] [--seed 0]
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_reference as reference  # noqa: E402


def vaescope_weights(model):
    """Encoder and latent-mean parameters under VAEScope's names, in its layouts."""
    weights = {}
    for i, conv in enumerate(model.enc):
        name = "encoder.conv%d" % (i + 1)
        weights[name + ".W"] = conv.weight.detach().numpy().transpose(1, 2, 3, 0)
        weights[name + ".b"] = conv.bias.detach().numpy()
    for name, linear in (("encoder.fc", model.fc), ("latent.mu", model.mu)):
        weights[name + ".W"] = linear.weight.detach().numpy().T
        weights[name + ".b"] = linear.bias.detach().numpy().reshape(1, -1)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--pairs", type=int, default=64)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    data = reference.sprites(2 * a.pairs, np.random.RandomState(a.seed))
    model = reference.VAE()
    model.eval()
    src, tgt = data[:a.pairs], data[a.pairs:2 * a.pairs]
    _, patches, effect = reference.sweep(model, src, tgt)
    np.savez(a.out, base=tgt.numpy(), changed=src.numpy(), **vaescope_weights(model))
    print(json.dumps({"torch": torch.__version__, "sweep_pairs": a.pairs, "sweep_patches": patches,
                      "effect_checksum": effect}))


if __name__ == "__main__":
    main()
