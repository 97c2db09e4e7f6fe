"""Where per-article work runs: a concurrent.futures Executor over chunks of plain data.

The work unit is a plain function of a chunk of plain, picklable data (articles and settings in,
extracts or page counts out) and never the archive connection, so it runs the same in this process
(InlineExecutor, for one worker or a small batch) or in worker processes (ProcessPoolExecutor); any
other Executor fits the same slot. Results come back in chunk order, so the output does not depend on
the number of workers.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting worker processes costs more than it saves (a worker starts in
# ~0.1 s and imports the package; extraction or rendering takes ~1 ms an item).
POOL_MIN_ITEMS = 200
CHUNKS_PER_WORKER = 4       # a few chunks per worker even out uneven article lengths


class InlineExecutor(Executor):
    """Runs each call at once in this process: one worker without the cost of a pool."""

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 — handed to the caller through the future, as a pool does
            future.set_exception(exc)
        return future


def pool_workers(count: int, workers: int) -> int:
    """Processes worth starting for `count` items: 1 (none) below POOL_MIN_ITEMS, and never so many
    that a worker gets fewer than half that."""
    if count < POOL_MIN_ITEMS:
        return 1
    return max(1, min(workers, count // (POOL_MIN_ITEMS // 2)))


def chunked(items: Sequence[T], workers: int) -> list[list[T]]:
    """`items` in order, cut into CHUNKS_PER_WORKER chunks per worker (one chunk for one worker)."""
    if workers <= 1:
        return [list(items)] if items else []
    size = max(1, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


@contextmanager
def executor(workers: int) -> Iterator[Executor]:
    """An InlineExecutor for one worker, else a process pool of `workers` processes."""
    if workers <= 1:
        yield InlineExecutor()
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield pool


def run_chunks(pool: Executor, work: Callable[..., list[R]], chunks: Sequence[Sequence[Any]], *args: Any,
               progress: Callable[[int], None] | None = None) -> list[R]:
    """`work(chunk, *args)` for every chunk, results joined in chunk order; the first chunk that raises
    cancels the ones not yet started and its exception propagates."""
    futures = [pool.submit(work, chunk, *args) for chunk in chunks]
    results: list[R] = []
    try:
        for future in futures:
            results.extend(future.result())
            if progress is not None:
                progress(len(results))
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return results
