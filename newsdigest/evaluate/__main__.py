"""`python -m newsdigest.evaluate TASK DATA [...]`: measure one stage on labelled data.

Each task lives in its own module with a `main(argv) -> int`; only the one asked
for is imported, so evaluation dependencies (rouge-score) never load in a build.
"""
from __future__ import annotations

import importlib
import sys

TASKS = {
    "keypoints": "newsdigest.evaluate.text_tasks",
    "summary": "newsdigest.evaluate.text_tasks",
    "headline": "newsdigest.evaluate.text_tasks",
    "sentences": "newsdigest.evaluate.text_tasks",
    "topics": "newsdigest.evaluate.topics_task",
    "stories": "newsdigest.evaluate.stories_task",
    "fulltext": "newsdigest.evaluate.fulltext_task",
    "reading-set": "newsdigest.evaluate.reading_set",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help") or args[0] not in TASKS:
        print("usage: python -m newsdigest.evaluate TASK DATA [--json] [--limit N] ...", file=sys.stderr)
        print("tasks: " + ", ".join(TASKS), file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    module = importlib.import_module(TASKS[args[0]])
    return int(module.main(args))


if __name__ == "__main__":
    sys.exit(main())
