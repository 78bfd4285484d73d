"""Shared by the scripts that write the project's TorchScript modules (make_*_module.py)."""

import pathlib
from typing import Callable

import torch


def write(module: torch.nn.Module, check: Callable[[torch.jit.ScriptModule], None], target: pathlib.Path) -> None:
    """Scripts module, checks it, saves it to target, and checks the file as loaded back."""
    scripted = torch.jit.script(module.eval())
    check(scripted)
    target.parent.mkdir(parents=True, exist_ok=True)
    torch.jit.save(scripted, str(target))
    check(torch.jit.load(str(target)))
    print(f"wrote {target} ({target.stat().st_size} bytes) with torch {torch.__version__}")
