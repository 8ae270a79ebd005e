"""Read a source file as text, refusing what is not text: empty files, binary files and
text in an encoding that cannot be told apart (only UTF-8, with or without a byte-order
mark, and UTF-16 with a byte-order mark are accepted).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "empty.txt"
>>> _ = path.write_bytes(b"")
>>> read_source(path)
Traceback (most recent call last):
...
mea_graph.errors.IngestError: .../empty.txt: the file is empty
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import IngestError

__all__ = ["read_source", "decode"]


def read_source(path: Path) -> str:
    """The text of ``path``; :class:`IngestError` names the file and what is wrong."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder, not a text file") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot read ({error.strerror})") from None
    try:
        return decode(data)
    except ValueError as error:
        raise IngestError(f"{path}: {error}") from None


def decode(data: bytes) -> str:
    """Decode ``data`` or raise ``ValueError`` saying why it is not usable text.

    >>> decode("Décide".encode())
    'Décide'
    >>> decode("Décide".encode("latin-1"))
    Traceback (most recent call last):
    ...
    ValueError: not UTF-8 text (byte 0xe9 at offset 1); unknown encoding: convert the file to UTF-8
    """
    if not data.strip():
        raise ValueError("the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ValueError(f"not valid UTF-16 text ({error.reason})") from None
    else:
        if b"\x00" in data[:8192]:
            raise ValueError("binary file (it contains NUL bytes), not plain text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValueError(
                f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
                "unknown encoding: convert the file to UTF-8"
            ) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > max(8, len(text) // 100):
        raise ValueError("binary file (too many control characters), not plain text")
    if not text.strip():
        raise ValueError("the file is empty")
    return text
