"""Bytes of a feed → bytes feedparser decodes right, and repairs for text that still came out garbled."""
from __future__ import annotations

import re

XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE)
CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
UTF8_NAMES = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
# Double-encoded UTF-8: "Ã©", "â€™", "Â " — a UTF-8 lead byte read as windows-1252.
CONTINUATION = "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
MOJIBAKE = re.compile("[\u00c2-\u00f4]" + CONTINUATION)
MOJIBAKE_RUN = re.compile("(?:[\u00c2-\u00f4]" + CONTINUATION + "{1,3})+")
# Numeric character references; those naming no XML character (a surrogate such as &#xD800;, a value
# past U+10FFFF, a C0 control) make feedparser raise on the whole document, so each becomes U+FFFD.
CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));")


def declared_encoding(data: bytes, content_type: str = "") -> str:
    """Encoding named by the HTTP charset or the XML declaration, lower-case, or ""."""
    match = CHARSET.search(content_type or "")
    if match:
        return match.group(1).lower()
    found = DECLARED_ENCODING.match(data[:500])
    return found.group(1).decode("ascii").lower() if found else ""


def guess_single_byte(data: bytes) -> str:
    """windows-1251 or windows-1252 for bytes that are not UTF-8.

    Cyrillic words are runs of high bytes; Western European text has isolated accented
    letters between ASCII ones, so the share of high bytes with a high neighbour separates them.
    """
    high = [i for i, byte in enumerate(data) if byte >= 0x80]
    if not high:
        return "windows-1252"
    high_set = set(high)
    paired = sum(1 for i in high if i - 1 in high_set or i + 1 in high_set)
    return "windows-1251" if paired / len(high) > 0.6 else "windows-1252"


def _wide_encoding(data: bytes) -> str:
    """UTF-16/32 by byte-order mark or by the NUL pattern of "<?" (XML 1.0 appendix F)."""
    for bom, name in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                      (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return name
    if data.startswith(b"<\x00?\x00"):
        return "utf-16-le"
    if data.startswith(b"\x00<\x00?"):
        return "utf-16-be"
    return ""


def normalise_encoding(data: bytes, content_type: str = "") -> tuple[bytes, str, str]:
    """(bytes, content_type, warning): undeclared or falsely-UTF-8 bytes transcoded to UTF-8,
    and character references that name no XML character replaced by U+FFFD."""
    fixed, content_type, warning = _transcode(data, content_type)
    return replace_invalid_char_refs(fixed), content_type, warning


def replace_invalid_char_refs(data: bytes) -> bytes:
    """`&#xD800;`, `&#x110000;`, `&#0;` → `&#xFFFD;`: one bad reference must not cost the whole feed."""
    if b"&#" not in data:
        return data
    return CHAR_REF.sub(_char_ref, data)


def _char_ref(match: re.Match[bytes]) -> bytes:
    hex_digits, decimal = match.groups()
    digits = hex_digits or decimal
    if len(digits) > 8:                 # far past U+10FFFF; also keeps int() cheap
        return b"&#xFFFD;"
    code = int(digits, 16 if hex_digits else 10)
    return match.group(0) if _is_xml_char(code) else b"&#xFFFD;"


def _is_xml_char(code: int) -> bool:
    """XML 1.0 `Char` production."""
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _transcode(data: bytes, content_type: str) -> tuple[bytes, str, str]:
    """feedparser falls back to windows-1252 for any non-UTF-8 bytes, which garbles Cyrillic;
    a declared non-UTF-8 encoding is trusted and left to feedparser."""
    wide = _wide_encoding(data)
    if wide:
        text = data.decode(wide, errors="replace").lstrip("\ufeff")
        body = XML_DECLARATION.sub(b"", text.encode("utf-8"), count=1)
        return b'<?xml version="1.0" encoding="utf-8"?>' + body, "application/xml; charset=utf-8", ""
    declared = declared_encoding(data, content_type)
    if declared and declared not in UTF8_NAMES:
        return data, content_type, ""
    try:
        data.decode("utf-8")
        return data, content_type, ""
    except UnicodeDecodeError:
        pass
    guessed = guess_single_byte(data)
    text = data.decode(guessed, errors="replace")
    body = XML_DECLARATION.sub(b"", text.encode("utf-8"), count=1)
    fixed = b'<?xml version="1.0" encoding="utf-8"?>' + body
    how = f"declared {declared}" if declared else "no encoding declared"
    warning = f"bytes are not UTF-8 ({how}); read as {guessed}"
    return fixed, "application/xml; charset=utf-8", warning


def repair_text(text: str) -> str:
    """Map stray C1 controls to windows-1252 and undo double-encoded UTF-8, when that is what they are."""
    if not text:
        return text
    if MOJIBAKE.search(text):
        text = _undo_double_utf8(text)
    if re.search("[\u0080-\u009f]", text):
        # Feeds that say iso-8859-1 but send windows-1252 smart quotes (HTML5 decodes the same way).
        text = re.sub("[\u0080-\u009f]", _c1_to_cp1252, text)
    return text


def _c1_to_cp1252(match: re.Match[str]) -> str:
    return bytes([ord(match.group(0))]).decode("windows-1252", errors="ignore")


def _undo_double_utf8(text: str) -> str:
    """Re-read each garbled run as UTF-8; runs that do not round-trip stay as they are."""
    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        try:
            return b"".join(_cp1252_byte(char) for char in run).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run
    return MOJIBAKE_RUN.sub(fix, text)


def _cp1252_byte(char: str) -> bytes:
    """windows-1252 byte for a char; the five bytes it leaves undefined pass through as C1 controls."""
    if "\u0080" <= char <= "\u009f":
        return bytes([ord(char)])
    return char.encode("windows-1252")
