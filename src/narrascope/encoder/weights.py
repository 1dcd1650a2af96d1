"""Fine-tuned weights on disk, shared by every network built on the packaged encoder.

Only what training changed is shipped: fp16 safetensors without the word-embedding matrix,
which stays frozen during training and is read from the package at load time (this halves the
files: the matrix is 11.7M of the encoder's 22.7M parameters). With `int8=True` the large Linear
matrices are stored as int8 with group scales (`int8.py`), halving the files again; the loader
reads both formats."""

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


def save_weights(net, path: Path, frozen: Iterable[str] = FROZEN, int8: bool = False) -> None:
    """Write `net`'s parameters except the frozen ones as fp16 safetensors, or with `int8` in the
    int8 format of `int8.py`."""
    from safetensors.torch import save_file

    from .int8 import FORMAT, quantise_state

    frozen = set(frozen)
    state = {k: v.detach().to("cpu") for k, v in net.state_dict().items() if k not in frozen}
    if int8:  # quantised from the fp32 values; what stays unquantised is stored fp16
        save_file(quantise_state(state), str(path), metadata={"format": FORMAT})
        Path(path).chmod(0o644)  # safetensors writes 0600; shipped files must be readable by all
    else:
        save_file({k: v.half().contiguous() for k, v in state.items()}, str(path))


def load_weights(net, path: Path, frozen: Iterable[str] = FROZEN) -> None:
    """Read weights written by `save_weights` (fp16 or int8) into `net` (E103 when unreadable or
    incomplete)."""
    from .int8 import dequantise_state, is_int8

    try:
        from safetensors.torch import load_file

        state = load_file(str(path))
        if is_int8(path):
            state = dequantise_state(state)
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same explanation
        raise OSError(Errors.E103.format(path=path.parent, detail=exc)) from exc
    current = net.state_dict()
    state = {k: v.to(current[k].dtype) for k, v in state.items() if k in current}
    missing = set(current) - set(state) - set(frozen)
    if missing:
        raise OSError(Errors.E103.format(path=path.parent, detail=f"missing {sorted(missing)[:3]}"))
    net.load_state_dict(state, strict=False)
    net.eval()
