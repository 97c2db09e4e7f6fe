"""The briefing e-mail: the per-edition files pass the mail checks, and --send-briefing delivers each edition once.

The SMTP server is a real one (aiosmtpd) on 127.0.0.1; the message is read back as it arrived.
"""
from __future__ import annotations

import email
import re
import socket
import sqlite3
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser.sitebuild import BUILD_EPOCH, CONFIG, CONTENT, SUB_PATH_BASE

from newsdigest.cli import main

DAY = "2026-11-22"                       # the fixture site's newest edition (BUILD_EPOCH is that evening)
MAX_EMAIL_BYTES = 100_000


class Inbox:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


@pytest.fixture()
def smtp_server() -> Iterator[tuple[int, Inbox]]:
    controller_module = pytest.importorskip("aiosmtpd.controller")
    inbox = Inbox()
    controller = controller_module.Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_config(workdir: Path, port: int, base_url: str = SUB_PATH_BASE) -> Path:
    config = workdir / "config.yaml"
    config.write_text(
        CONFIG.format(base_url=base_url, content=CONTENT, feed=CONTENT / "feeds" / "wire.xml",
                      archive=workdir / "archive.sqlite")
        + "search: false\n"
        + f"email: {{host: 127.0.0.1, port: {port}, starttls: false, from: digest@example.org,"
          " to: [reader@example.org, editor@example.org]}\n",
        encoding="utf-8")
    return config


def build(config: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    return main(["--config", str(config), "--output", str(config.parent / "site"), "--offline", "--quiet", *extra])


class Tags(HTMLParser):
    """Every start tag with its attributes, as a mail client's parser sees them."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def links(markup: str) -> list[str]:
    return [attrs["href"] or "" for tag, attrs in Tags(markup).tags if tag == "a" and "href" in attrs]


def test_email_file_is_inline_styled_self_contained_and_links_absolute(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert build(write_config(tmp_path, 1), monkeypatch) == 0
    folder = tmp_path / "site" / "editions" / DAY
    markup = (folder / "email.html").read_text(encoding="utf-8")
    assert len(markup.encode("utf-8")) < MAX_EMAIL_BYTES
    tags = Tags(markup).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "style", "link", "img", "iframe", "object", "embed", "form", "base"}, names
    assert not [attrs for _, attrs in tags if "src" in attrs or "class" in attrs or "srcset" in attrs]
    assert not [attrs for _, attrs in tags if any(k.startswith("on") for k in attrs)]   # no event handlers
    styled = [tag for tag, attrs in tags if "style" in attrs]
    assert {"body", "h1", "ol", "li", "a"} <= set(styled)                 # styles inline, nothing to look up
    hrefs = links(markup)
    assert len(hrefs) >= 3 and all(h.startswith(SUB_PATH_BASE) for h in hrefs), hrefs
    assert f"{SUB_PATH_BASE}editions/{DAY}/" in hrefs
    text = (folder / "email.txt").read_text(encoding="utf-8")
    assert text.startswith("Fixture Digest — briefing for Sunday 22 November 2026")
    assert text.count("\n1. ") == 1
    assert f"   {SUB_PATH_BASE}stories/" in text or f"   {SUB_PATH_BASE}articles/" in text
    # The same lines as the edition page's briefing.
    page = (folder / "index.html").read_text(encoding="utf-8")
    first_line = re.search(r'class="briefing-lines">\s*<li><a href="[^"]+">(.*?)</a>', page, re.DOTALL)
    assert first_line and first_line.group(1) in markup


def test_send_briefing_delivers_text_and_html_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    smtp_server: tuple[int, Inbox],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    port, inbox = smtp_server
    config = write_config(tmp_path, port)
    assert build(config, monkeypatch, "--send-briefing") == 0
    assert len(inbox.messages) == 1
    sender, recipients, raw = inbox.messages[0]
    assert sender == "digest@example.org"
    assert recipients == ["reader@example.org", "editor@example.org"]
    message = email.message_from_bytes(raw, policy=default)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == "Fixture Digest — briefing for Sunday 22 November 2026"
    assert message["From"] == "digest@example.org"
    assert message["To"] == "reader@example.org, editor@example.org"
    assert message["Date"] and message["Message-ID"].endswith("@example.org>")
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    body_html = message.get_body(("html",)).get_content()
    body_text = message.get_body(("plain",)).get_content()
    assert all(h.startswith(SUB_PATH_BASE) for h in links(body_html))
    assert f"{SUB_PATH_BASE}editions/{DAY}/" in body_text
    with sqlite3.connect(tmp_path / "archive.sqlite") as db:
        assert db.execute("SELECT day, recipients FROM sent_editions").fetchall() == [(DAY, 2)]

    # A second build sends nothing: the edition was sent.
    capsys.readouterr()
    assert main(["--config", str(config), "--output", str(tmp_path / "site"), "--offline", "--send-briefing"]) == 0
    assert len(inbox.messages) == 1
    assert "Briefing e-mail: nothing new to send" in capsys.readouterr().out


def test_a_failed_send_exits_1_and_is_not_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, free_port())             # nothing listens there
    assert build(config, monkeypatch, "--send-briefing") == 1
    assert "error: the briefing was not sent" in capsys.readouterr().err
    with sqlite3.connect(tmp_path / "archive.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM sent_editions").fetchone()[0] == 0


def test_sending_needs_an_absolute_base_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, free_port(), base_url="/")
    assert build(config, monkeypatch, "--send-briefing") == 1
    assert "site.base_url to be an absolute URL" in capsys.readouterr().err


def test_briefing_feeds_have_one_entry_per_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import feedparser

    assert build(write_config(tmp_path, 1), monkeypatch) == 0
    site = tmp_path / "site"
    editions = sorted(p.parent.name for p in (site / "editions").glob("20*/index.html"))
    for name in ("briefing.xml", "briefing.rss"):
        parsed = feedparser.parse((site / name).read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert [e.link for e in parsed.entries] == [f"{SUB_PATH_BASE}editions/{d}/" for d in reversed(editions)]
        newest = parsed.entries[0]
        assert newest.title == "Fixture Digest — briefing for Sunday 22 November 2026"
        assert "<ol><li><a href=\"https://example.org/news/" in (newest.get("content") or [newest.summary_detail])[0].value
    body = json.loads((site / "briefing.json").read_bytes())
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["url"] for i in body["items"]] == [f"{SUB_PATH_BASE}editions/{d}/" for d in reversed(editions)]
    assert body["items"][0]["content_text"].startswith("1. ")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="briefing"') == 1
