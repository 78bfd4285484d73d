#!/usr/bin/python3
"""Reference values for AdamTests and RmsPropTests, computed with torch.optim.

Run with Debian's interpreter, which has torch: /usr/bin/python3 scripts/optimizer_reference.py
The printed Java array literals are pasted into the tests; the tests themselves never call Python.

Two float32 parameters receive, at step t = 1..5, the gradient BASE * MULTIPLIER[t-1] (exact binary
fractions, so Java builds bit-identical gradients) with learning rate lr * LR_FACTOR[t-1]. BASE holds a zero
and a value below eps (2^-27 ~ 7.5e-9), where the placement of eps decides the update.
"""
import torch

P0 = [0.5, -1.0, 2.0, 0.0, 3.0]
P1 = [[1.5, -0.25], [0.75, -2.0]]
BASE0 = [0.25, -0.5, 1.5, 0.0, 2.0 ** -27]
BASE1 = [[0.125, -3.0], [0.0625, 1.0]]
MULTIPLIER = [1.0, -0.5, 2.0, 0.75, -1.25]
LR_FACTOR = [1.0, 1.0, 0.75, 0.5, 0.25]


def java(values):
    return "{" + ", ".join("%.9gf" % v for v in values) + "}"


def run(name, make):
    p0 = torch.tensor(P0, dtype=torch.float32, requires_grad=True)
    p1 = torch.tensor(P1, dtype=torch.float32, requires_grad=True)
    opt = make([p0, p1])
    base_lr = opt.param_groups[0]["lr"]
    print("// %s (torch %s)" % (name, torch.__version__))
    for t in range(5):
        p0.grad = torch.tensor(BASE0, dtype=torch.float32) * MULTIPLIER[t]
        p1.grad = torch.tensor(BASE1, dtype=torch.float32) * MULTIPLIER[t]
        opt.param_groups[0]["lr"] = base_lr * LR_FACTOR[t]
        opt.step()
        if t == 0 or t == 4:
            print("after step %d: p0 = %s" % (t + 1, java(p0.detach().flatten().tolist())))
            print("after step %d: p1 = %s" % (t + 1, java(p1.detach().flatten().tolist())))
    for i, p in enumerate([p0, p1]):
        for key, value in sorted(opt.state[p].items()):
            if key == "step":
                print("state p%d step = %s" % (i, int(value)))
            else:
                print("state p%d %s = %s" % (i, key, java(value.flatten().tolist())))
    print()


run("Adam(lr=0.01, betas=(0.5, 0.9), eps=1e-8)",
    lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.5, 0.9), eps=1e-8))
run("Adam(lr=0.01, betas=(0.0, 0.9), eps=1e-8)",
    lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.0, 0.9), eps=1e-8))
run("RMSprop(lr=0.01, alpha=0.99, eps=1e-8)",
    lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.99, eps=1e-8))
run("RMSprop(lr=0.01, alpha=0.9, eps=0.1)",
    lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, eps=0.1))
