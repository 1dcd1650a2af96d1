"""Int8 weight files for the rhetoric encoder networks (tagger and span classifier).

The shared format (`narrascope.encoder.weights`) stores every fine-tuned parameter in fp16. The
rhetoric files store the large 2-D Linear weights (attention and feed-forward matrices, at least
`MIN_ROWS` output rows) as symmetric int8 instead, with one fp32 scale per output row and group
of `GROUP` (32) input columns (`w ~= q * scale`, `scale = max|group| / 127`), and everything
else (biases, LayerNorm, position and token-type embeddings, the small classification heads) in
fp16. At load the int8 matrices are dequantised to fp32, so inference runs as before. This
roughly halves the files (tagger 21.7 -> 12.4 MB, span classifier 14.6 -> 8.4 MB). One scale
per whole row (group 0) was tried first and moved fold-0 SI by -0.31, groups of 64 moved TC
by -0.27; groups of 32 stay within 0.2 of fp16 on both (docs/claims-rhetoric.md).

Layout (safetensors): `<name>.qint8` (int8, rows x cols) + `<name>.qscale` (fp32, rows x
cols/GROUP) for a quantised weight, `<name>` for the rest; the file metadata holds `format =
FORMAT`. The keys of quantised weights differ from the parameter names on purpose: the shared
fp16 loader rejects such a file (E103, missing parameters) instead of reading int8 codes as
weights. `load_any` reads both this format and the older fp16 files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from narrascope.encoder.weights import FROZEN, load_weights
from narrascope.errors import Errors

FORMAT = "narrascope-int8-rowwise-v1"
Q, SCALE = ".qint8", ".qscale"
#: Linear weights with fewer output rows (the 14/15-label heads) stay fp16
MIN_ROWS = 64
#: input columns sharing one scale (0: one scale per output row)
GROUP = 32


def quantisable(name: str, shape: tuple[int, ...]) -> bool:
    """A 2-D Linear weight worth quantising: not an embedding table, at least MIN_ROWS rows."""
    return len(shape) == 2 and name.endswith(".weight") and "embeddings" not in name and shape[0] >= MIN_ROWS


def quantise_state(state: dict, group: int = GROUP) -> dict:
    """fp32/fp16 tensors by name -> the tensors of the int8 file (see the module doc)."""
    import torch

    out = {}
    for name, t in state.items():
        t = t.detach().to("cpu")
        if quantisable(name, tuple(t.shape)):
            rows, cols = t.shape
            g = group if group and cols % group == 0 else cols
            w = t.float().reshape(rows, cols // g, g)
            scale = w.abs().amax(dim=2).clamp(min=1e-12) / 127.0
            q = torch.round(w / scale[:, :, None]).clamp(-127, 127).to(torch.int8)
            out[name + Q] = q.reshape(rows, cols).contiguous()
            out[name + SCALE] = scale.contiguous()
        else:
            out[name] = t.half().contiguous()
    return out


def dequantise_state(tensors: dict) -> dict:
    """The inverse of `quantise_state` (int8 matrices back to fp32, the rest as stored)."""
    state = {}
    for key, t in tensors.items():
        if key.endswith(SCALE):
            continue
        if key.endswith(Q):
            name = key[: -len(Q)]
            rows, cols = t.shape
            scale = tensors[name + SCALE].float().reshape(rows, -1)
            groups = t.float().reshape(rows, scale.shape[1], -1)
            state[name] = (groups * scale[:, :, None]).reshape(rows, cols)
        else:
            state[key] = t
    return state


def save_int8(net, path: Path | str, frozen: Iterable[str] = FROZEN) -> None:
    """Write `net`'s parameters except the frozen ones in the int8 format."""
    from safetensors.torch import save_file

    frozen = set(frozen)
    state = {k: v for k, v in net.state_dict().items() if k not in frozen}
    save_file(quantise_state(state), str(path), metadata={"format": FORMAT})
    Path(path).chmod(0o644)  # safetensors writes 0600; shipped files must be readable by all


def is_int8(path: Path | str) -> bool:
    """Whether `path` is a safetensors file in this module's format (False when unreadable)."""
    try:
        from safetensors import safe_open

        with safe_open(str(path), framework="pt") as f:
            return (f.metadata() or {}).get("format") == FORMAT
    except Exception:  # noqa: BLE001 - unreadable: the loader reports it
        return False


def load_any(net, path: Path | str, frozen: Iterable[str] = FROZEN) -> None:
    """Read an int8 file (this module) or an fp16 file (`encoder.weights`) into `net`; E103 when
    unreadable or incomplete."""
    path = Path(path)
    if not is_int8(path):
        load_weights(net, path, frozen)
        return
    try:
        from safetensors.torch import load_file

        state = dequantise_state(load_file(str(path)))
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same explanation
        raise OSError(Errors.E103.format(path=path.parent, detail=exc)) from exc
    current = net.state_dict()
    missing = set(current) - set(state) - set(frozen)
    if missing:
        raise OSError(Errors.E103.format(path=path.parent, detail=f"missing {sorted(missing)[:3]}"))
    net.load_state_dict({k: v.to(current[k].dtype) for k, v in state.items() if k in current}, strict=False)
    net.eval()


def convert_file(src: Path | str, dst: Path | str | None = None, group: int = GROUP) -> Path:
    """Rewrite an fp16 weight file (`encoder.weights.save_weights`) in the int8 format, in place
    unless `dst` is given; a file already int8 is copied as it is."""
    import shutil

    from safetensors.torch import load_file, save_file

    src = Path(src)
    dst = Path(dst) if dst is not None else src
    if is_int8(src):
        if dst != src:
            shutil.copyfile(src, dst)
        return dst
    tensors = quantise_state(load_file(str(src)), group)
    tmp = dst.with_suffix(dst.suffix + ".tmp")
    save_file(tensors, str(tmp), metadata={"format": FORMAT})
    tmp.chmod(0o644)
    tmp.replace(dst)
    return dst


def load_tagger(model_dir: Path | str):
    """`EncoderTagger.load` for the rhetoric tagger, reading int8 or fp16 weights."""
    import json

    from narrascope.encoder import EncoderTagger
    from narrascope.encoder.tagger import CONFIG, WEIGHTS

    model_dir = Path(model_dir)
    try:
        meta = json.loads((model_dir / CONFIG).read_text(encoding="utf-8"))
        labels, shape = meta["labels"], {"layers": meta["layers"], "max_len": meta["max_len"],
                                         "overlap": meta.get("overlap", 64)}
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same explanation
        raise OSError(Errors.E103.format(path=model_dir, detail=exc)) from exc
    tagger = EncoderTagger(labels, **shape)
    load_any(tagger.net, model_dir / WEIGHTS)
    return tagger
