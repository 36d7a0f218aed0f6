"""Pages are read in worker processes, except where the caller may not have children: a Celery worker's task
process is daemonic (the production topology), and there the pages are read in a thread."""
import multiprocessing

from extractors.pages import pool


def _square(x: int) -> int:
    return x * x


def _inside_a_daemon(queue) -> None:  # type: ignore[no-untyped-def]
    try:
        with pool(2) as executor:
            queue.put(sorted(executor.map(_square, range(4))))
    except Exception as e:  # noqa: BLE001 - the failure itself is what the test reports
        queue.put(repr(e))


def test_a_daemonic_caller_reads_pages_in_a_thread():
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    worker = ctx.Process(target=_inside_a_daemon, args=(queue,), daemon=True)
    worker.start()
    result = queue.get(timeout=60)
    worker.join(timeout=10)
    assert result == [0, 1, 4, 9]


def test_several_workers_are_processes_in_a_normal_caller():
    with pool(2) as executor:
        assert type(executor).__name__ == "ProcessPoolExecutor"
        assert sorted(executor.map(_square, range(3))) == [0, 1, 4]
