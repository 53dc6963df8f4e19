"""The bytes of a text table as text: UTF-8 (with or without BOM), UTF-16 with BOM, or CP932; binary refused."""

from __future__ import annotations

from .cards import CorpusError, Problem


def decode_bytes(data: bytes, file: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP932/Shift_JIS; refuse binary and empty files."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encodings = ["utf-8"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise CorpusError([Problem("error", file, 0, "", f"undecodable UTF-16: {e.reason}")]) from None
        if "\x00" in text:
            raise CorpusError([Problem("error", file, text.count("\n", 0, text.index("\x00")) + 1, "",
                                       "binary file (NUL bytes), not a text table")])
        return text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        encodings = ["utf-8", "cp932"]
    if not data.strip():
        raise CorpusError([Problem("error", file, 0, "", "empty file")])
    nul = data.find(b"\x00")  # anywhere, not only in the first block: a NUL is never text
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise CorpusError([Problem("error", file, line if nul >= 8192 else 0, "",
                                   "binary file (NUL bytes), not a text table")])
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1)
        raise CorpusError([Problem("error", file, line, "", f"undecodable byte 0x{data[e.start]:02x} at byte "
                                   f"{col + 1} of the line: neither UTF-8 nor CP932 (Shift_JIS)")]) from None
    raise AssertionError("unreachable")
