#!/usr/bin/python3
"""Python PyTorch peer of `./gan bench`: WGAN-GP generator iterations per second for the same two models.

Run with Debian's python3-torch (`apt-get install python3-torch`; use /usr/bin/python3):
    /usr/bin/python3 scripts/bench_peer.py --threads 2 --seconds 20

Models mirror gan-djl's NetworkSpec definitions:
  toy-mlp:  G 2 -> 3 x (Linear 512, ReLU) -> 2, D 2 -> 3 x (Linear 512, ReLU) -> 1, batch 256
  dcgan32:  G 128 -> Linear 4*4*256, BN, ReLU -> ConvT5s2 128, BN, ReLU -> ConvT5s2 64, BN, ReLU -> ConvT5s2 3, tanh
            D 3 -> Conv5s2 64, LReLU .2 -> Conv5s2 128, LReLU -> Conv5s2 256, LReLU -> Linear 1, batch 64
One generator iteration = 5 critic steps (WGAN loss + gradient penalty, lambda 10, Adam 1e-4 (0.5, 0.9))
+ 1 generator step. Prints one JSON object per model on stdout.
"""
import argparse
import json
import time

import torch
from torch import nn


def mlp(inp, width, layers, out):
    mods, d = [], inp
    for _ in range(layers):
        mods += [nn.Linear(d, width), nn.ReLU()]
        d = width
    mods.append(nn.Linear(d, out))
    return nn.Sequential(*mods)


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.view(x.shape[0], *self.shape)


def dcgan32(latent=128, channels=3, w=64):
    g = nn.Sequential(
        nn.Linear(latent, 4 * 4 * 4 * w), nn.BatchNorm1d(4 * 4 * 4 * w), nn.ReLU(), Reshape(4 * w, 4, 4),
        nn.ConvTranspose2d(4 * w, 2 * w, 5, 2, 2, output_padding=1), nn.BatchNorm2d(2 * w), nn.ReLU(),
        nn.ConvTranspose2d(2 * w, w, 5, 2, 2, output_padding=1), nn.BatchNorm2d(w), nn.ReLU(),
        nn.ConvTranspose2d(w, channels, 5, 2, 2, output_padding=1), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(channels, w, 5, 2, 2), nn.LeakyReLU(0.2),
        nn.Conv2d(w, 2 * w, 5, 2, 2), nn.LeakyReLU(0.2),
        nn.Conv2d(2 * w, 4 * w, 5, 2, 2), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(4 * 4 * 4 * w, 1))
    return g, d


def iteration(g, d, og, od, real_fn, latent, batch, critic_steps=5, lam=10.0):
    for _ in range(critic_steps):
        real = real_fn(batch)
        with torch.no_grad():
            fake = g(torch.randn(batch, latent))
        od.zero_grad(set_to_none=False)
        loss = d(fake).mean() - d(real).mean()
        eps = torch.rand(batch, *([1] * (real.dim() - 1)))
        x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
        grad, = torch.autograd.grad(d(x_hat).sum(), x_hat, create_graph=True)
        norm = grad.flatten(1).norm(dim=1)
        loss = loss + lam * ((norm - 1) ** 2).mean()
        loss.backward()
        od.step()
    og.zero_grad(set_to_none=False)
    gl = -d(g(torch.randn(batch, latent))).mean()
    gl.backward()
    og.step()


def bench(name, g, d, real_fn, latent, batch, seconds):
    og = torch.optim.Adam(g.parameters(), 1e-4, betas=(0.5, 0.9))
    od = torch.optim.Adam(d.parameters(), 1e-4, betas=(0.5, 0.9))
    for _ in range(2):
        iteration(g, d, og, od, real_fn, latent, batch)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        iteration(g, d, og, od, real_fn, latent, batch)
        n += 1
    elapsed = time.perf_counter() - start
    return {"model": name, "generator_iterations_per_second": n / elapsed, "iterations": n, "seconds": elapsed,
            "batch": batch, "threads": torch.get_num_threads(), "torch": torch.__version__}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--models", default="toy-mlp,dcgan32")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    for name in a.models.split(","):
        if name == "toy-mlp":
            out = bench(name, mlp(2, 512, 3, 2), mlp(2, 512, 3, 1), lambda b: torch.randn(b, 2), 2, 256, a.seconds)
        elif name == "dcgan32":
            g, d = dcgan32()
            out = bench(name, g, d, lambda b: torch.rand(b, 3, 32, 32) * 2 - 1, 128, 64, a.seconds)
        else:
            raise SystemExit("unknown model " + name)
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
