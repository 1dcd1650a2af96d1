"""Int8 storage of fine-tuned encoder weights (`weights.save_weights(..., int8=True)`).

The large 2-D Linear weights (attention and feed-forward matrices, at least `MIN_ROWS` output
rows) are stored as symmetric int8, with one fp32 scale per output row and group of `GROUP`
(32) input columns (`w ~= q * scale`, `scale = max|group| / 127`); everything else (biases,
LayerNorm, position and token-type embeddings, small classification heads) in fp16. At load
(`weights.load_weights`, which reads both formats) the int8 matrices are dequantised to fp32,
so inference runs as before. This roughly halves the files (rhetoric tagger 21.7 -> 12.4 MB,
span classifier 14.6 -> 8.4 MB). Measured for the rhetoric networks on their validation fold:
one scale per whole row (group 0) moved SI by -0.31, groups of 64 moved TC by -0.27, groups of
32 stay within 0.2 of fp16 on both (docs/history/claims-rhetoric.md, session 5).

Layout (safetensors): `<name>.qint8` (int8, rows x cols) + `<name>.qscale` (fp32, rows x
cols/GROUP) for a quantised weight, `<name>` for the rest; the file metadata holds `format =
FORMAT`. Quantised weights are stored under other keys than the parameter names on purpose: a
reader that does not know the format finds parameters missing (E103) instead of reading int8
codes as weights.
"""

from __future__ import annotations

from pathlib import Path

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


def is_int8(path: Path | str) -> bool:
    """Whether `path` is a safetensors file in this module's format (False when unreadable)."""
    try:
        from safetensors import safe_open

        with safe_open(str(path), framework="pt") as f:
            return (f.metadata() or {}).get("format") == FORMAT
    except Exception:  # noqa: BLE001 - unreadable: the loader reports it
        return False


def convert_file(src: Path | str, dst: Path | str | None = None, group: int = GROUP) -> Path:
    """Rewrite an fp16 weight file (`weights.save_weights`) in the int8 format, in place
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
