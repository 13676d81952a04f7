"""Bytes to text: byte-order marks, binary sniffing, UTF-8 and legacy charsets."""

from __future__ import annotations

import codecs
import re

from wiretrace.errors import EmptyInput, UnreadableInput

# Signatures of binary formats people feed to text tools by mistake.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip data that could not be unpacked"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of control bytes (other than whitespace) above which bytes are not text;
# a handful (a stray escape sequence) is tolerated in any text.
MAX_CONTROL_SHARE = 0.01
TOLERATED_CONTROL_BYTES = 16
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return the text and the encoding used.

    Raises ``EmptyInput`` for no text and ``UnreadableInput`` for binary data
    or bytes no known encoding reads.
    """
    if not data.strip():
        raise EmptyInput("empty file" if not data else "only whitespace")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_with(data[len(bom) :], encoding), encoding
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise UnreadableInput(f"binary content: looks like {what}, not text")
    sample = data[:65536]
    if len(_CONTROL.findall(sample)) > max(TOLERATED_CONTROL_BYTES, MAX_CONTROL_SHARE * len(sample)):
        raise UnreadableInput("binary content: too many control bytes to be text")
    text, encoding = _decode_text(data, declared)
    text = text.replace("\x00", "\ufffd")  # a stray NUL must not truncate text in C libraries
    if not text.strip():
        raise EmptyInput("only whitespace")
    return text, encoding


def _decode_with(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            f"declares {encoding} by its byte-order mark but is not ({error.reason})"
        ) from None


def _decode_text(data: bytes, declared: str | None) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared or _declared_in_html(data)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(declared), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    if _mostly_utf8(data):
        # Valid UTF-8 with a few corrupt bytes: keep the good characters.
        return data.decode("utf-8", errors="replace"), "utf-8 (with invalid bytes replaced)"
    from charset_normalizer import from_bytes  # only for bytes that are not UTF-8 or declared

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise UnreadableInput("not text in UTF-8 or any legacy encoding charset-normalizer knows")
    return data.decode(best.encoding, errors="replace"), best.encoding


def _mostly_utf8(data: bytes) -> bool:
    """True when most high bytes form valid UTF-8 sequences."""
    multibyte = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    high = len(_HIGH_BYTE.findall(data))
    return multibyte > 0 and multibyte >= 0.5 * high


def _declared_in_html(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None
