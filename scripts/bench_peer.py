#!/usr/bin/python3
"""Python PyTorch peer of `./gan bench`: WGAN-GP generator iterations per second for the same two models.

Run with Debian's python3-torch (`apt-get install python3-torch`; use /usr/bin/python3, not a pyenv python):
    /usr/bin/python3 scripts/bench_peer.py --threads 2 --seconds 20
The thread count applies to torch's intra-op threads and to OpenBLAS (set through OPENBLAS_NUM_THREADS
before torch loads). Debian's torch is only fast with an optimized BLAS: install `libopenblas0-pthread`
(without it matmuls fall back to the reference BLAS and the peer is many times slower). The "blas" field
says which library is loaded.

Models mirror gan-djl's Networks (dev.stablegan.djl.nn.Networks) exactly:
  toy-mlp:  G 2 -> 3 x (Linear 512, ReLU) -> Linear 2, D 2 -> 3 x (Linear 512, ReLU) -> Linear 1, batch 256
  dcgan32:  G 128 -> Linear 4*4*256 (no bias), BN, ReLU, reshape [256, 4, 4]
              -> ConvT 5x5 s2 p2 op1 to 128 (no bias), BN, ReLU -> ConvT to 64 (no bias), BN, ReLU
              -> ConvT to 3 (bias), tanh
            D 3 -> Conv 5x5 s2 p2 to 64, LReLU 0.2 -> Conv to 128, LReLU 0.2 -> Conv to 256, LReLU 0.2
              -> flatten -> Linear 1 (all with bias, no batch norm); batch 64
BatchNorm: eps 1e-5, momentum 0.1 (DJL's 0.9), training mode in every forward, as in DjlGanTrainer.
One generator iteration = 5 critic steps (WGAN loss + gradient penalty, lambda 10, Adam 1e-4 (0.5, 0.9))
+ 1 generator step, in DjlGanTrainer's order: per critic step G(z) in training mode without autograd,
zero the critic's gradients, D(real), D(fake), the penalty at x_hat = fake + eps (real - fake) by
torch.autograd.grad(create_graph=True), one backward, Adam; then zero the generator's gradients,
-mean D(G(z)), backward, Adam. The reported scalars are read each step (.item()) as the Java trainer does.

FLOPs per generator iteration are counted analytically with the same rule as the Java side
(dev.stablegan.examples.bench.StepFlops): F(net) = forward FLOPs of its Linear and (transposed) convolution
layers at the batch size (2 per multiply-add; a transposed convolution counts 2 N Cin Hin Win Cout k^2, its
nominal cost); backward = 2 F; the gradient penalty = 6 F(D) (forward, input gradient, and the double
backward through both). Per critic step F(G) + 2 * 3 F(D) + 6 F(D), per generator step 3 F(G) + 3 F(D):
n_critic (F(G) + 12 F(D)) + 3 F(G) + 3 F(D) in all. Elementwise work (activations, batch norm, Adam) is not
counted.

Prints one JSON object per model on stdout (progress on stderr). Exits with status 3 when torch is missing.
"""
import argparse
import json
import os
import sys
import time


def _threads_argument(argv):
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return "1"


# torch.set_num_threads does not reach OpenBLAS, which reads these when torch loads it: without them OpenBLAS
# would use every core even with --threads 1.
os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = _threads_argument(sys.argv)

try:
    import torch
    from torch import nn
except ImportError:
    print("bench_peer: PyTorch is not installed for " + sys.executable
          + " (install Debian's: apt-get install python3-torch)", file=sys.stderr)
    sys.exit(3)

CRITIC_STEPS = 5
LAMBDA = 10.0


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
        return x.reshape(x.shape[0], *self.shape)


def dcgan32(latent=128, channels=3, w=64):
    g = nn.Sequential(
        nn.Linear(latent, 4 * 4 * 4 * w, bias=False), nn.BatchNorm1d(4 * 4 * 4 * w), nn.ReLU(), Reshape(4 * w, 4, 4),
        nn.ConvTranspose2d(4 * w, 2 * w, 5, 2, 2, output_padding=1, bias=False), nn.BatchNorm2d(2 * w), nn.ReLU(),
        nn.ConvTranspose2d(2 * w, w, 5, 2, 2, output_padding=1, bias=False), nn.BatchNorm2d(w), nn.ReLU(),
        nn.ConvTranspose2d(w, channels, 5, 2, 2, output_padding=1), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(channels, w, 5, 2, 2), nn.LeakyReLU(0.2),
        nn.Conv2d(w, 2 * w, 5, 2, 2), nn.LeakyReLU(0.2),
        nn.Conv2d(2 * w, 4 * w, 5, 2, 2), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(4 * 4 * 4 * w, 1))
    return g, d


def forward_flops(net, example_shape, batch):
    """2 x multiply-adds of the Linear and (transposed) convolution layers for one forward pass."""
    total = 0

    def hook(module, inputs, output):
        nonlocal total
        x = inputs[0]
        if isinstance(module, nn.Linear):
            total += 2 * x.shape[0] * module.in_features * module.out_features
        elif isinstance(module, nn.Conv2d):
            n, _, h, w = output.shape
            k = module.kernel_size[0] * module.kernel_size[1]
            total += 2 * n * h * w * module.out_channels * module.in_channels * k
        elif isinstance(module, nn.ConvTranspose2d):
            n, _, h, w = x.shape
            k = module.kernel_size[0] * module.kernel_size[1]
            total += 2 * n * h * w * module.in_channels * module.out_channels * k

    handles = [m.register_forward_hook(hook) for m in net.modules()
               if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d))]
    was_training = net.training
    net.eval()
    with torch.no_grad():
        net(torch.zeros(batch, *example_shape))
    net.train(was_training)
    for h in handles:
        h.remove()
    return total


def iteration_flops(f_g, f_d, critic_steps=CRITIC_STEPS):
    return critic_steps * (f_g + 12 * f_d) + 3 * f_g + 3 * f_d


def iteration(g, d, og, od, real_fn, latent, batch, critic_steps=CRITIC_STEPS, lam=LAMBDA):
    for _ in range(critic_steps):
        real = real_fn(batch)
        with torch.no_grad():
            fake = g(torch.randn(batch, latent))
        eps = torch.rand(batch)
        od.zero_grad(set_to_none=False)
        d_real = d(real)
        d_fake = d(fake)
        loss = d_fake.mean() - d_real.mean()
        loss.item()
        (d_real.mean() - d_fake.mean()).item()
        x_hat = (fake + eps.reshape(batch, *([1] * (real.dim() - 1))) * (real - fake)).detach().requires_grad_(True)
        grad, = torch.autograd.grad(d(x_hat).sum(), x_hat, create_graph=True)
        norm = grad.reshape(batch, -1).norm(dim=1)
        penalty = ((norm - 1) ** 2 * lam).mean()
        penalty.item()
        norm.detach().mean().item()
        loss = loss + penalty
        loss.backward()
        od.step()
    z = torch.randn(batch, latent)
    og.zero_grad(set_to_none=False)
    gl = -d(g(z)).mean()
    gl.item()
    gl.backward()
    og.step()


def blas_library():
    try:
        with open("/proc/self/maps") as f:
            maps = f.read()
    except OSError:
        return "unknown"
    for name in ("libopenblas", "libmkl", "libblis", "libblas"):
        i = maps.find(name)
        if i >= 0:
            return maps[i:maps.find("\n", i)].strip()
    return "unknown"


def matmul_gflops(size, seconds=1.5):
    a, b = torch.rand(size, size), torch.rand(size, size)
    torch.mm(a, b)
    n, start = 0, time.perf_counter()
    while n < 2 or time.perf_counter() - start < seconds:
        torch.mm(a, b)
        n += 1
    return 2.0 * size ** 3 * n / (time.perf_counter() - start) / 1e9


def bench(name, g, d, real_fn, example_shape, latent, batch, seconds, warmup, trace_dir=None):
    flops = iteration_flops(forward_flops(g, (latent,), batch), forward_flops(d, example_shape, batch))
    og = torch.optim.Adam(g.parameters(), 1e-4, betas=(0.5, 0.9))
    od = torch.optim.Adam(d.parameters(), 1e-4, betas=(0.5, 0.9))
    for _ in range(warmup):
        iteration(g, d, og, od, real_fn, latent, batch)
    if trace_dir:
        # One iteration under torch's profiler, as the Java side records one: a Chrome trace for scripts/count_ops.py.
        with torch.autograd.profiler.profile() as prof:
            iteration(g, d, og, od, real_fn, latent, batch)
        prof.export_chrome_trace(os.path.join(trace_dir, "peer-" + name + ".json"))
    times = []
    start = time.perf_counter()
    while not times or time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        iteration(g, d, og, od, real_fn, latent, batch)
        times.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    n = len(times)
    return {"model": name, "batch": batch, "critic_steps": CRITIC_STEPS, "iterations": n, "seconds": elapsed,
            "generator_iterations_per_second": n / elapsed, "ms_per_iteration": 1000 * elapsed / n,
            "min_ms_per_iteration": 1000 * min(times), "flops_per_iteration": flops,
            "gflops_per_second": flops * n / elapsed / 1e9}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--models", default="toy-mlp,dcgan32")
    p.add_argument("--matmul-size", type=int, default=2048)
    p.add_argument("--trace-dir", default=None, help="write a profiler trace of one iteration per model here")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    names = a.models.split(",")
    for name in names:
        if name not in ("toy-mlp", "dcgan32"):
            raise SystemExit("bench_peer: unknown model " + name + "; expected toy-mlp or dcgan32")
    print("bench_peer: matmul %dx%d float32 ..." % (a.matmul_size, a.matmul_size), file=sys.stderr, flush=True)
    matmul = matmul_gflops(a.matmul_size)
    for name in names:
        print("bench_peer: " + name + " ...", file=sys.stderr, flush=True)
        if name == "toy-mlp":
            out = bench(name, mlp(2, 512, 3, 2), mlp(2, 512, 3, 1), lambda b: torch.randn(b, 2), (2,), 2, 256,
                        a.seconds, a.warmup, a.trace_dir)
        else:
            g, d = dcgan32()
            out = bench(name, g, d, lambda b: torch.rand(b, 3, 32, 32) * 2 - 1, (3, 32, 32), 128, 64,
                        a.seconds, a.warmup, a.trace_dir)
        out.update({"threads": torch.get_num_threads(), "matmul_size": a.matmul_size,
                    "matmul_gflops_per_second": matmul, "torch": torch.__version__, "blas": blas_library()})
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
