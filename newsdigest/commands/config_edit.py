"""Editing config.yaml in place without losing the user's comments, order or layout (ruamel.yaml round trip).

The new text is validated with the same loader the build uses before it replaces the file, and is
written to a temporary file that is renamed over the old one: a failed edit changes nothing.
"""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from newsdigest.config import ConfigError, parse_config

# Indentations seen in hand-written YAML: (mapping, sequence, dash offset). The one that reproduces
# the file byte for byte is the user's style, so untouched parts stay exactly as they were.
STYLES = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1))


class EditError(Exception):
    """The edit was refused; `lines` explain why (nothing was written)."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def _yaml(style: tuple[int, int, int]) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=style[0], sequence=style[1], offset=style[2])
    yaml.width = 4096              # never re-wrap a user's long line
    yaml.preserve_quotes = True
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def load_round_trip(path: Path) -> tuple[Any, Any, bool]:
    """(yaml, document, exact) for `path`: the indentation style that round-trips it unchanged when one does
    (exact=True); otherwise the common style, and some lines will be re-indented (comments and order stay)."""
    text = path.read_text(encoding="utf-8")
    for style in STYLES:
        yaml = _yaml(style)
        data = yaml.load(text)
        if _dump(yaml, data) == text:
            return yaml, data, True
    yaml = _yaml(STYLES[0])
    return yaml, yaml.load(text), False


def feed_list(data: Any) -> Any:
    """The document's `feeds:` sequence, created (in block style) when missing or empty."""
    from ruamel.yaml.comments import CommentedSeq

    feeds = data.get("feeds")
    if feeds is None:
        feeds = CommentedSeq()
        data["feeds"] = feeds
    if not feeds:
        feeds.fa.set_block_style()     # `feeds: []` would otherwise grow into one long flow line
    return feeds


def save(path: Path, yaml: Any, data: Any) -> None:
    """Validate the edited document as the build would, then replace the file atomically."""
    text = _dump(yaml, data)
    try:
        parse_config(text, path.resolve(), str(path))
    except ConfigError as exc:
        raise EditError([*exc.errors, f"{path} was not changed"]) from None
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
