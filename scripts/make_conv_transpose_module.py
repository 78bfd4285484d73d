#!/usr/bin/python3
"""Writes the TorchScript module behind dev.stablegan.djl.engine.TorchConvTranspose.

DJL's PyTorch engine has no transposed convolution; ConvTranspose2d builds one from conv2d and a dozen reshapes,
splits and concatenations (14 operators a call). This module calls torch.conv_transpose2d once instead, inside
libtorch, with autograd intact. forward(x, weight, bias, geometry): geometry is an int64 tensor
[stride_h, stride_w, padding_h, padding_w, output_padding_h, output_padding_w]; an empty bias means none.

Regenerate (from the repository root) with Debian's interpreter, which has torch 1.13 (python3-torch):

    /usr/bin/python3 scripts/make_conv_transpose_module.py

It writes gan-djl/src/main/resources/dev/stablegan/djl/engine/conv_transpose2d.pt; ConvTranspose2dTests compare it
with the conv2d construction and with PyTorch's values.
"""

import pathlib
from typing import List, Optional

import torch

import torchscript_files

TARGET = pathlib.Path("gan-djl/src/main/resources/dev/stablegan/djl/engine/conv_transpose2d.pt")


class ConvTranspose2d(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, geometry: torch.Tensor) -> torch.Tensor:
        g: List[int] = geometry.tolist()
        b: Optional[torch.Tensor] = None
        if bias.numel() > 0:
            b = bias
        return torch.conv_transpose2d(x, weight, b, stride=[g[0], g[1]], padding=[g[2], g[3]], output_padding=[g[4], g[5]])


def check(module: torch.jit.ScriptModule) -> None:
    torch.manual_seed(0)
    x = torch.randn(2, 3, 4, 5, requires_grad=True)
    w = torch.randn(3, 2, 5, 5, requires_grad=True)
    b = torch.randn(2, requires_grad=True)
    geometry = torch.tensor([2, 2, 2, 2, 1, 1])
    y = module(x, w, b, geometry)
    expected = torch.conv_transpose2d(x, w, b, stride=2, padding=2, output_padding=1)
    assert torch.allclose(y, expected)
    y.sum().backward()
    assert w.grad is not None and b.grad is not None and x.grad is not None
    assert torch.allclose(module(x, w, torch.zeros(0), geometry), torch.conv_transpose2d(x, w, None, 2, 2, 1))


def main() -> None:
    torchscript_files.write(ConvTranspose2d(), check, TARGET)


if __name__ == "__main__":
    main()
