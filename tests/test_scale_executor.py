"""The work unit is independent of where it runs: the same chunks through the inline executor and a
process pool give the same results in the same order, and a failing chunk's error reaches the caller."""
from __future__ import annotations

import pytest

from newsdigest import workers


def _squares(chunk: list[int], offset: int) -> list[int]:
    if -1 in chunk:
        raise ValueError("bad item in chunk")
    return [n * n + offset for n in chunk]


def test_inline_and_process_pool_give_the_same_ordered_results() -> None:
    items = list(range(1000))
    with workers.executor(1) as inline:
        one = workers.run_chunks(inline, _squares, workers.chunked(items, 1), 3)
    with workers.executor(2) as pool:
        two = workers.run_chunks(pool, _squares, workers.chunked(items, 2), 3)
    assert one == two == [n * n + 3 for n in items]
    assert len(workers.chunked(items, 2)) == 2 * workers.CHUNKS_PER_WORKER


@pytest.mark.parametrize("count", [1, 2])
def test_a_failing_chunk_raises_its_error(count: int) -> None:
    items = [*range(300), -1, *range(300)]
    with pytest.raises(ValueError, match="bad item"), workers.executor(count) as pool:
        workers.run_chunks(pool, _squares, workers.chunked(items, count), 0)


def test_progress_counts_results_in_order() -> None:
    seen: list[int] = []
    with workers.executor(1) as inline:
        workers.run_chunks(inline, _squares, [[1, 2], [3]], 0, progress=seen.append)
    assert seen == [2, 3]
