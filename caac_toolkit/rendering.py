"""A user's templates run in a process of their own, bounded in time and memory.

A template in a --templates folder is a program from a pull request. Jinja2's sandbox stops it
reaching outside, but not from looping for hours (`{% for %}` in `{% for %}`) or filling
gigabytes with one call (`center(10**9)`, `'{:>999999999}'.format(x)`): such code runs in C,
where neither a signal handler nor a check between calls can stop it. So a forked process
renders, under a memory limit of its own, and the program waits for each answer (one document's
phrases) only as long as a document's templates may take; past that, it kills the process and
names the template. The bound is per answer, never per run: a build of a thousand cases takes a
thousand times as long as one. The program itself never runs a user's template code, so Ctrl-C
or SIGTERM end it at once. The bundled templates are part of the program and render in it.

Where processes cannot be forked (Windows), templates render in the program itself, bounded only
in the size of what they write.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from caac_toolkit.errors import CaacError, InvalidInput, Place
from caac_toolkit.files import stops_held

SECONDS = 5.0  # for the phrases of one document: a phrase takes about half a millisecond
MEMORY = 512 * 1024 * 1024  # bytes a template may take beyond what the program holds


@dataclass(frozen=True)
class Phrases:
    """A document's phrases to render: the templates a phrase may be in, first found first; each
    phrase's block and values; every phrase id the document's kind knows."""

    phrasebooks: tuple[str, ...]
    phrases: tuple[tuple[str, dict[str, Any]], ...]
    known: frozenset[str]


Render = Callable[[Phrases], list[str]]


class Renderer:
    """Runs `render(phrases)` in a forked process when the templates are a user's (`isolated`):
    every phrase of a document in one exchange; one per Templates. `path` gives the file of a
    template's name, for messages.
    The bundled templates are part of the program and render in it, a process exchange faster."""

    def __init__(self, render: Render, path: Callable[[str], str], *, isolated: bool) -> None:
        self._render = render
        self._path = path
        self._isolated = isolated
        self._worker: _Worker | None = None

    def __call__(self, request: Phrases) -> list[str]:
        if not self._isolated or "fork" not in multiprocessing.get_all_start_methods():
            return self._render(request)
        if self._worker is None or self._worker.pid != os.getpid():
            self._worker = _Worker(self._render)  # a forked build worker needs its own
        try:
            return self._worker.ask(request, SECONDS,
                                    lambda: Place(self._path(request.phrasebooks[0])))
        except BaseException:
            self._worker.stop()  # it may be halfway through a loop: it is not asked again
            self._worker = None
            raise


class _Worker:
    def __init__(self, render: Render) -> None:
        context = multiprocessing.get_context("fork")
        self.pid = os.getpid()
        self.connection, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(render, theirs, self.connection, self.pid), daemon=True)
        # Ctrl-C or SIGTERM halfway through starting it would leave it running unknown to
        # multiprocessing, which ends the daemon processes it knows of when the program exits.
        with stops_held():
            self.process.start()
            # Whatever ends the Templates that own it (a finished build, Ctrl-C) ends the
            # process; a forked copy of the program leaves it to the program.
            weakref.finalize(self, _end, self.process, self.pid)
        theirs.close()

    def ask(self, request: Phrases, seconds: float,
            place: Callable[[], Place]) -> list[str]:
        self.connection.send(request)
        if not self.connection.poll(max(seconds, 0)):
            raise InvalidInput(f"the template took longer than the {SECONDS:g} s a document "
                               "allows its templates", place=place(),
                               hint="look for loops within loops")
        try:
            answer = self.connection.recv()
        except EOFError:  # killed by the system, or by the limit on memory where Python was not
            raise out_of_memory(place()) from None
        if isinstance(answer, list):
            return answer
        kind, problems = answer
        raise kind(problems[0].message, problems=problems)

    def stop(self) -> None:
        _end(self.process, self.pid)


def _end(process: Any, parent: int) -> None:
    if os.getpid() == parent and process.is_alive():
        process.kill()
        process.join()


def _serve(render: Render, connection: Any, programs: Any, parent: int) -> None:
    """The worker: renders what it is asked until the program closes its end."""
    import resource

    programs.close()  # else its own copy of the program's end would keep it waiting for ever
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the program's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    die_with_parent(parent)
    # Nor may it hold the program's output open: `caac … | less` waits for every writer.
    with open(os.devnull, "wb") as nothing:
        os.dup2(nothing.fileno(), 1)
        os.dup2(nothing.fileno(), 2)
    if held := _data_size():
        _limit(resource.RLIMIT_DATA, held + MEMORY)
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        # Should the program be killed outright, the kernel still stops a worker that loops:
        # its processor time bounded from now, for this answer.
        used = resource.getrusage(resource.RUSAGE_SELF)
        _limit(resource.RLIMIT_CPU, math.ceil(used.ru_utime + used.ru_stime + SECONDS) + 5)
        try:
            answer: Any = render(request)
        except CaacError as error:
            answer = (type(error), error.problems)
        connection.send(answer)


def out_of_memory(place: Place) -> InvalidInput:
    return InvalidInput(f"the template needed more than {MEMORY // 1024 // 1024} MiB of memory",
                        place=place, hint="look for text repeated or padded many times")


def die_with_parent(parent: int) -> None:
    """On Linux, the kernel kills the worker when the program ends, however it ends."""
    if sys.platform == "linux":
        import ctypes

        set_parent_death_signal = 1  # PR_SET_PDEATHSIG, <linux/prctl.h>
        ctypes.CDLL(None).prctl(set_parent_death_signal, signal.SIGKILL)
        if os.getppid() != parent:  # the program ended before the kernel was told
            os._exit(0)


def _limit(kind: int, value: int) -> None:
    import resource

    soft, hard = resource.getrlimit(kind)
    if hard == resource.RLIM_INFINITY or value < hard:
        resource.setrlimit(kind, (value, hard))


def _data_size() -> int:
    """The memory the process already counts against RLIMIT_DATA (Linux); 0 where unknown (macOS
    does not enforce the limit)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
