"""The README's set-up is what CI runs: same venv commands, same test command, search on the first build."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def readme_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)


def ci_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_quick_start_creates_and_uses_a_venv():
    assert readme_blocks()[0].strip() == (
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/python build.py")


def test_ci_runs_the_readme_test_command_exactly():
    test_block = next(b for b in readme_blocks() if "pytest" in b).strip()
    install, command = test_block.split(" && ")
    assert install == ".venv/bin/pip install -r requirements-dev.txt"
    ci = ci_commands()
    assert ci[-1] == command == ".venv/bin/python -m pytest -q"
    assert "[ -x .venv/bin/python ] || python3 -m venv .venv" in ci
    assert ".venv/bin/pip install -q -r requirements-dev.txt" in ci        # the README's install, quietly
    assert "export NEWSDIGEST_REQUIRE_ALL=1" in ci


def test_search_and_yaml_round_trip_are_runtime_requirements_and_the_venv_is_ignored():
    runtime = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^pagefind-bin", runtime, flags=re.MULTILINE) and re.search(r"^ruamel\.yaml", runtime, flags=re.MULTILINE)
    assert "/.venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_every_command_in_the_readme_has_help():
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0
    for command in ("serve", "init", "feeds", "deploy"):
        assert command in done.stdout
        sub = subprocess.run([sys.executable, str(ROOT / "build.py"), command, "--help"], capture_output=True,
                             text=True, timeout=60, check=False)
        assert sub.returncode == 0 and sub.stdout.startswith("usage: build.py"), sub.stderr


def test_the_readme_filters_example_is_a_valid_config(tmp_path):
    from newsdigest.config import parse_config

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL) if b.startswith("filters:"))
    settings = parse_config(example, tmp_path / "config.yaml", "README example")
    assert [r.label for r in settings.filters.mute] == [
        "horoscope", "celebrity, reality TV (in title)", "regex ^(Sponsored|Advertisement): (in title)",
        "regex /(sponsored|partner-content)/ (in url)"]
    assert [r.feed for r in settings.feeds[0].filters.keep] == ["City Wire"]
