#!/usr/bin/python3
"""Writes the TorchScript module behind dev.stablegan.djl.engine.TorchInputGradients.

The module's forward(output, input) returns d sum(output) / d input computed by
torch.autograd.grad with create_graph=True, so the returned tensor stays in the
autograd graph and a loss built from it (the WGAN-GP gradient penalty) can be
differentiated again with respect to the critic's parameters. Calling autograd
inside libtorch this way is exact and does not grow native memory per step,
unlike DJL's JniUtils.backward(..., createGraph=true).

Regenerate (from the repository root) with Debian's interpreter, which has
torch 1.13 (python3-torch); the pyenv `python3` on PATH has no torch:

    /usr/bin/python3 scripts/make_input_gradient_module.py

It writes gan-djl/src/main/resources/dev/stablegan/djl/engine/input_gradient.pt.
The file must load in the libtorch that DJL runs (2.7.1 for DJL 0.35.1);
TorchInputGradientsTests loads it, so run them after regenerating.
"""

import pathlib
from typing import List, Optional

import torch

import torchscript_files

TARGET = pathlib.Path("gan-djl/src/main/resources/dev/stablegan/djl/engine/input_gradient.pt")


class InputGradient(torch.nn.Module):
    """forward(output, input) = d sum(output) / d input, kept in the graph."""

    def forward(self, output: torch.Tensor, input: torch.Tensor) -> torch.Tensor:
        grads: List[Optional[torch.Tensor]] = torch.autograd.grad(
            [output.sum()], [input], create_graph=True, allow_unused=True
        )
        grad = grads[0]
        if grad is None:
            # output does not depend on input: its gradient is zero.
            return torch.zeros_like(input)
        return grad


def check(module: torch.jit.ScriptModule) -> None:
    """D(x) = sum(x^3) per example: the gradient is 3x^2 and its x-derivative 6x."""
    x = torch.tensor([[1.0, -2.0], [0.5, 3.0]], dtype=torch.float64, requires_grad=True)
    grad = module(x.pow(3).sum(dim=1), x)
    assert torch.allclose(grad, 3 * x.detach() ** 2)
    (second,) = torch.autograd.grad(grad.sum(), x)
    assert torch.allclose(second, 6 * x.detach())


def main() -> None:
    torchscript_files.write(InputGradient(), check, TARGET)


if __name__ == "__main__":
    main()
