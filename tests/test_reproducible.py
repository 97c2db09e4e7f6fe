"""Reproducible builds across processes: the same inputs and SOURCE_DATE_EPOCH give byte-identical sites.

Two builds in one process share Python's string-hash seed, which hides any
output that depends on set or dict-of-set order; so each build here runs in its
own process with a different PYTHONHASHSEED.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml


def site_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_in_subprocess(root: Path, work: Path, seed: str) -> Path:
    """A fresh copy of the shipped project (fresh archive) built offline in its own interpreter."""
    project = work / f"project-{seed}"
    for name in ("content", "seeds"):
        shutil.copytree(root / name, project / name)
    config = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    config["search"] = False       # Pagefind's own determinism is covered in test_validators
    (project / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for path in sorted(project.rglob("*")):   # file dates are inputs too (local articles without a date)
        os.utime(path, (1_795_000_000, 1_795_000_000))
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1795000000"}
    subprocess.run([sys.executable, str(root / "build.py"), "--config", str(project / "config.yaml"),
                    "--output", str(project / "site"), "--offline", "--quiet"],
                   check=True, env=env, cwd=project, capture_output=True)
    return project / "site"


def test_builds_in_two_processes_with_different_hash_seeds_are_byte_identical(tmp_path, root):
    first = site_digest(build_in_subprocess(root, tmp_path, "1"))
    second = site_digest(build_in_subprocess(root, tmp_path, "2"))
    assert len(first) > 20
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


EXTRACT_ALL = """
import hashlib, json, sys
from datetime import datetime, timezone
from newsdigest.model import Article
from newsdigest.text import extract
digest = hashlib.sha256()
with open(sys.argv[1], encoding="utf-8") as handle:
    for i, line in zip(range(200), handle):
        item = json.loads(line)
        article = Article(id=str(i), title="", text=item["article"], source="x",
                          published=datetime(2020, 1, 1, tzinfo=timezone.utc))
        digest.update(repr(extract(article)).encode())
print(digest.hexdigest())
"""


def test_extraction_does_not_depend_on_the_hash_seed(root, shared_data):
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        done = subprocess.run([sys.executable, "-c", EXTRACT_ALL, str(shared_data / "bbc_dev.jsonl")],
                              check=True, env=env, capture_output=True, text=True)
        outputs.append(done.stdout.strip())
    assert len(outputs[0]) == 64 and outputs[0] == outputs[1]
