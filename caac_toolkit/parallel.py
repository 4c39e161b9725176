"""A build's cases in several processes at once, which a stop (Ctrl-C, SIGTERM) ends at any moment.

The standard library's ProcessPoolExecutor reads its workers' answers in a thread of its own. A
worker ended while it sends an answer (a Word file of some size takes more than one write) leaves
that thread waiting for the rest of it for ever, and the program waits for the thread as it exits.
Here the program reads every answer itself, from one pipe per worker, and asks a worker for a new
case only when it has answered. So ending the workers leaves nothing waiting, and with no thread
of the program's own, a stop never lands inside a lock another thread needs.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar, cast

from caac_toolkit.errors import CaacError
from caac_toolkit.files import stops_held

Item = TypeVar("Item")
Result = TypeVar("Result")


def run_parallel(work: Callable[[Item], Result], items: Sequence[Item], jobs: int,
                 done: Callable[[int], None]) -> list[Result]:
    """`work(item)` for every item, in `jobs` processes, in the order of `items`; `done(index)`
    as each is done. The first error raised in a worker is raised here and ends the others' work,
    as does a stop."""
    todo = iter(enumerate(items))
    results: dict[int, Result] = {}
    workers: list[multiprocessing.process.BaseProcess] = []
    try:
        busy = []
        for _ in range(min(jobs, len(items))):
            process, connection = _start(work)
            workers.append(process)
            _give(connection, todo)
            busy.append(connection)
        while busy:
            for connection in cast("list[Connection]", wait(busy)):
                index, failure, result = _answer(connection)
                if failure is not None:
                    raise failure
                results[index] = result
                done(index)
                if not _give(connection, todo):
                    busy.remove(connection)
    finally:
        _end(workers)
    return [results[index] for index in range(len(items))]


def _start(work: Callable[[Any], Any]) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    context = multiprocessing.get_context()
    ours, theirs = context.Pipe()
    process = context.Process(target=_serve, args=(work, theirs, os.getpid()))
    # A stop halfway through starting it would leave it running unknown to the program; started
    # with stops held back, the worker takes them again itself.
    with stops_held():
        process.start()
    theirs.close()
    return process, ours


def _give(connection: Connection, todo: Iterator[tuple[int, Any]]) -> bool:
    """The next item to a worker that has answered; False when there is none left."""
    item = next(todo, None)
    if item is not None:
        connection.send(item)
    return item is not None


def _answer(connection: Connection) -> tuple[int, BaseException | None, Any]:
    try:
        answer: tuple[int, BaseException | None, Any] = connection.recv()
    except EOFError:  # ended by the system (out of memory) or by hand
        raise CaacError("a build process stopped before its work was done",
                        hint="build again; with --jobs 1 to see why") from None
    return answer


def _end(workers: list[multiprocessing.process.BaseProcess]) -> None:
    """Every worker ended, done or not: a case halfway through is lost with the build anyway."""
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(timeout=5)
        if process.is_alive():  # a worker deep in a long call of C code, which SIGTERM waits for
            process.kill()
            process.join()


def _serve(work: Callable[[Any], Any], connection: Connection, build: int) -> None:
    """The worker: does what it is given until it is ended. Ctrl-C reaches every process of the
    terminal's group: a worker ignores it and lets the build end it, rather than print a
    traceback. SIGTERM ends it at once, and the processes that render its templates with it; so
    does the end of the build, however it ends (kill -9 included), where the system can say so
    (Linux)."""
    from caac_toolkit.rendering import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_worker)
    if hasattr(signal, "pthread_sigmask"):  # not on Windows, where nothing was held back
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if os.getppid() == build:  # forked by the build itself, not by a server of processes
        die_with_parent(build)
    while True:
        index, item = connection.recv()
        try:
            connection.send((index, None, work(item)))
        except Exception as error:  # the build's to report, as if it had happened there
            connection.send((index, error, None))


def _end_worker(signum: int, frame: object) -> None:
    for child in multiprocessing.active_children():
        child.kill()
    os._exit(128 + signum)
