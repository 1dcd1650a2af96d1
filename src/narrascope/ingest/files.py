"""Reading a whole (capped) file: size check before reading, gzip transparently."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from narrascope.errors import Errors


def read_capped(path: Path, name: str, max_bytes: int) -> tuple[bytes | None, str | None]:
    """The bytes of `path` (decompressed when it ends in .gz), or an error message.

    The cap is checked on the file size before reading and, for gzip, on the decompressed
    size while reading, so a 50 MB page or a gzip bomb is refused without loading it whole."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, Errors.E004.format(name=name, size=size, limit=max_bytes)
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                return None, Errors.E004.format(name=name, size=f"over {max_bytes} (decompressed)", limit=max_bytes)
            return data, None
        return path.read_bytes(), None
    except (EOFError, OSError, zlib.error) as exc:
        if isinstance(exc, FileNotFoundError):
            return None, Errors.E001.format(path=name)
        return None, Errors.E010.format(name=name, detail=f"{type(exc).__name__}: {exc}")
