"""The briefing as an e-mail, one per edition: editions/DATE/email.html and email.txt.

Mail clients drop <style> blocks and never fetch files, so the HTML carries its styles inline, no
scripts and no images; every link is absolute to site.base_url, because a message has no page to be
relative to. The plain-text part says the same for clients that show no HTML.
"""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from jinja2 import Environment

from newsdigest.settings import Settings
from newsdigest.site.feeds_out import DayBriefing, briefing_title
from newsdigest.site.paths import edition_path, site_link
from newsdigest.site.render import render

MORE_STORIES = 10          # further headlines after the five lines: a short mail, not the whole edition
EMAIL_FILES = ("email.html", "email.txt")


@dataclass(frozen=True)
class MoreStory:
    headline: str
    path: str


def email_outputs(env: Environment, settings: Settings, briefing: DayBriefing,
                  more: Sequence[MoreStory]) -> dict[str, bytes]:
    """Both e-mail files of one edition, keyed by output path."""
    base = absolute_base(settings)
    subject = briefing_title(settings, briefing.day)
    context = {"site": settings.site, "briefing": briefing, "more": list(more)[:MORE_STORIES], "base": base,
               "subject": subject, "page_path": edition_path(briefing.day) + "email.html"}
    folder = edition_path(briefing.day)
    return {
        folder + "email.html": render(env, "email.html", context),
        folder + "email.txt": plain_text(subject, briefing, list(more)[:MORE_STORIES], base).encode("utf-8"),
    }


def has_absolute_base(settings: Settings) -> bool:
    """E-mail files are written only when site.base_url names a host: a message has no page to be relative to."""
    return settings.site.base_url.startswith(("http://", "https://"))


def absolute_base(settings: Settings) -> str:
    base = settings.site.base_url
    return base if base.endswith("/") else base + "/"


def plain_text(subject: str, briefing: DayBriefing, more: Sequence[MoreStory], base: str) -> str:
    lines = [subject, "=" * min(len(subject), 72), ""]
    for number, line in enumerate(briefing.lines, 1):
        outlets = f"{line.outlets} outlet{'s' if line.outlets != 1 else ''}"
        lines += textwrap.wrap(f"{number}. {line.text} ({outlets})", 72, subsequent_indent="   ")
        lines += [f"   {site_link(base, line.path)}", ""]
    if not briefing.lines:
        lines += ["No stories were reported on this day.", ""]
    if more:
        lines += ["Also in this edition", ""]
        for story in more:
            lines += textwrap.wrap(f"- {story.headline}", 72, subsequent_indent="  ") + [f"  {site_link(base, story.path)}"]
        lines.append("")
    lines += [f"The whole edition: {base}{briefing.path}", ""]
    return "\n".join(lines)
