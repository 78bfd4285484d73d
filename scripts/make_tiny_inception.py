#!/usr/bin/python3
"""Writes a tiny stand-in for the FID Inception TorchScript file, for TorchScriptInceptionTests.

No Inception weights can be had offline here, so the tests check everything around the network instead: the
file loads in DJL's libtorch, the calling convention of inception-2015-12-05.pt is followed
(forward(img, return_features=False, use_fp16=False, no_output_bias=False) with uint8 NCHW RGB at the images'
own size), and the output shapes (2048 features, 1008 probabilities) are checked.

The stand-in asserts uint8 input, reports the input height and width in features 0 and 1 (so a test sees
that no resize happened before the module), resizes to 299 x 299 as the real module does, and maps the
mean colour through fixed random weights (the probabilities from the first 16 features only, to keep the
file small). expected.json holds its outputs for the two images the test builds.

Regenerate from the repository root with Debian's interpreter: /usr/bin/python3 scripts/make_tiny_inception.py
"""
import json
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path("gan-eval/src/test/resources/dev/stablegan/eval/features")


class TinyInception(torch.nn.Module):
    def __init__(self):
        super().__init__()
        g = torch.Generator().manual_seed(20261201)
        self.w1 = torch.nn.Parameter(torch.randn(3, 2046, generator=g) / 100.0, requires_grad=False)
        self.b1 = torch.nn.Parameter(torch.randn(2046, generator=g) / 10.0, requires_grad=False)
        self.w2 = torch.nn.Parameter(torch.randn(16, 1008, generator=g) / 10.0, requires_grad=False)
        self.b2 = torch.nn.Parameter(torch.randn(1008, generator=g), requires_grad=False)

    def forward(self, img: torch.Tensor, return_features: bool = False, use_fp16: bool = False,
                no_output_bias: bool = False) -> torch.Tensor:
        assert img.dtype == torch.uint8, "the FID Inception takes uint8 images"
        n, c, h, w = img.shape
        x = img.to(torch.float32)
        if h != 299 or w != 299:
            x = F.interpolate(x, size=(299, 299), mode="bilinear", align_corners=False)
        pooled = x.mean(dim=[2, 3])
        size = torch.tensor([float(h), float(w)]).expand(n, 2)
        features = torch.cat([size, torch.relu(pooled @ self.w1 + self.b1)], dim=1)
        if return_features:
            return features
        logits = features[:, :16] @ self.w2
        if not no_output_bias:
            logits = logits + self.b2
        return torch.softmax(logits, dim=1)


def test_images():
    """Two 5 x 4 (width x height) images: a constant colour and a horizontal gradient."""
    a = torch.zeros(3, 4, 5, dtype=torch.uint8)
    a[0], a[1], a[2] = 200, 30, 90
    b = torch.zeros(3, 4, 5, dtype=torch.uint8)
    for x in range(5):
        b[:, :, x] = 50 * x
    return torch.stack([a, b])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    module = torch.jit.script(TinyInception().eval())
    module.save(str(OUT / "tiny_inception.pt"))
    imgs = test_images()
    with torch.no_grad():
        features = module(imgs, True)
        probs = module(imgs, False, False, True)
        probs_with_bias = module(imgs, False, False, False)
    expected = {
        "features_head": features[:, :6].tolist(),
        "features_sum": features.sum(1).tolist(),
        "probs_head": probs[:, :4].tolist(),
        "probs_with_bias_head": probs_with_bias[:, :4].tolist(),
        "torch": torch.__version__,
    }
    (OUT / "tiny_inception_expected.json").write_text(json.dumps(expected, indent=2) + "\n")
    print(json.dumps(expected, indent=2))


if __name__ == "__main__":
    main()
