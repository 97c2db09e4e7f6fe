"""`build.py --send-briefing`: e-mail each new edition's briefing once, over SMTP.

Runs after the site is written and sends the files the build made (editions/DATE/email.html and
email.txt) as one multipart/alternative message. What was sent is remembered in the archive
(table sent_editions), so a second run sends nothing. "New" means newer than the last edition
sent; on the very first send only the newest edition goes out, not the whole back catalogue.
"""
from __future__ import annotations

import os
import re
import smtplib
import ssl
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from html import unescape
from pathlib import Path

from newsdigest.archive import Archive
from newsdigest.settings import Settings
from newsdigest.site.email import has_absolute_base

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


class SendError(Exception):
    """The briefing cannot be sent; the message says what to change."""


@dataclass(frozen=True)
class SendResult:
    sent: tuple[str, ...]            # edition days sent now
    recipients: int


def send_step(settings: Settings, output: Path, quiet: bool = False) -> bool:
    """The CLI's step: send, print what was sent or why not; False when sending failed (exit status 1)."""
    try:
        result = send_briefing(settings, output)
    except (SendError, OSError, smtplib.SMTPException) as exc:
        print(f"error: the briefing was not sent: {exc}", file=sys.stderr)
        return False
    if not quiet:
        print(f"Briefing e-mail: sent {', '.join(result.sent)} to {result.recipients} recipient(s)" if result.sent
              else "Briefing e-mail: nothing new to send")
    return True


def send_briefing(settings: Settings, output: Path, now: datetime | None = None) -> SendResult:
    """Send every edition newer than the last one sent (the newest only, the first time)."""
    check_ready(settings)
    now = now or datetime.now(timezone.utc)
    with Archive.open(settings.archive.path) as archive:
        days = days_to_send(available_days(output), archive.sent_days())
        for day in days:
            message = build_message(settings, output, day, now)
            deliver(settings, message)
            archive.mark_sent(day, len(settings.email.to), now)
    return SendResult(tuple(days), len(settings.email.to))


def check_ready(settings: Settings) -> None:
    email = settings.email
    if not email.host or not email.to or not email.sender:
        raise SendError("--send-briefing needs an `email:` section with host, from and to in the config")
    if not has_absolute_base(settings):
        raise SendError("--send-briefing needs site.base_url to be an absolute URL (links in a mail have no page "
                        "to be relative to), e.g. https://example.org/news/")
    if email.password_env and email.password_env not in os.environ:
        raise SendError(f"email.password_env names ${email.password_env}, which is not set; export it first")


def available_days(output: Path) -> list[str]:
    """Editions in the built site that have both e-mail files, oldest first."""
    folder = output / "editions"
    found = [p.name for p in folder.iterdir() if _DAY.match(p.name)] if folder.is_dir() else []
    return sorted(d for d in found if (folder / d / "email.html").is_file() and (folder / d / "email.txt").is_file())


def days_to_send(available: list[str], sent: set[str]) -> list[str]:
    if not available:
        return []
    if not sent:
        return available[-1:]
    last = max(sent)
    return [day for day in available if day > last]


def build_message(settings: Settings, output: Path, day: str, now: datetime) -> EmailMessage:
    folder = output / "editions" / day
    html = (folder / "email.html").read_text(encoding="utf-8")
    title = _TITLE.search(html)
    message = EmailMessage()
    message["Subject"] = " ".join(unescape(title.group(1)).split()) if title else f"Briefing for {day}"
    message["From"] = settings.email.sender
    message["To"] = ", ".join(settings.email.to)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(idstring=f"briefing-{day}", domain=settings.email.sender.rpartition("@")[2])
    message.set_content((folder / "email.txt").read_text(encoding="utf-8"))
    message.add_alternative(html, subtype="html")
    return message


def deliver(settings: Settings, message: EmailMessage) -> None:
    email = settings.email
    with smtplib.SMTP(email.host, email.port, timeout=email.timeout) as smtp:
        smtp.ehlo()
        if email.starttls:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if email.user:
            smtp.login(email.user, os.environ.get(email.password_env, "") if email.password_env else "")
        smtp.send_message(message)
