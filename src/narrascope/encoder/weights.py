"""Fine-tuned weights on disk, shared by every network built on the packaged encoder.

Only what training changed is shipped: fp16 safetensors without the word-embedding matrix,
which stays frozen during training and is read from the package at load time (this halves the
files: the matrix is 11.7M of the encoder's 22.7M parameters)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..errors import Errors

#: parameters never trained (full names inside a net whose encoder is its `encoder` attribute)
FROZEN = ("encoder.embeddings.word_embeddings.weight",)


def freeze(net, frozen: Iterable[str] = FROZEN) -> None:
    """Stop the gradient of the frozen parameters."""
    frozen = set(frozen)
    for name, param in net.named_parameters():
        if name in frozen:
            param.requires_grad_(False)


def save_weights(net, path: Path, frozen: Iterable[str] = FROZEN) -> None:
    """Write `net`'s parameters except the frozen ones as fp16 safetensors."""
    from safetensors.torch import save_file

    frozen = set(frozen)
    state = {k: v.detach().to("cpu").half().contiguous()
             for k, v in net.state_dict().items() if k not in frozen}
    save_file(state, str(path))


def load_weights(net, path: Path, frozen: Iterable[str] = FROZEN) -> None:
    """Read weights written by `save_weights` into `net` (E103 when unreadable or incomplete)."""
    try:
        from safetensors.torch import load_file

        state = load_file(str(path))
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same explanation
        raise OSError(Errors.E103.format(path=path.parent, detail=exc)) from exc
    current = net.state_dict()
    state = {k: v.to(current[k].dtype) for k, v in state.items() if k in current}
    missing = set(current) - set(state) - set(frozen)
    if missing:
        raise OSError(Errors.E103.format(path=path.parent, detail=f"missing {sorted(missing)[:3]}"))
    net.load_state_dict(state, strict=False)
    net.eval()
