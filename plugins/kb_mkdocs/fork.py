"""Work done in a forked process beside the build's own, on a machine with a second core."""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import signal
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError

from kb.checks.loading import can_fork

log = logging.getLogger("mkdocs")
__all__ = ["Fork", "can_fork"]


class Channel:
    """The forked process's side: `tell` sends to the build's own process, `hear` waits for what it says."""

    def __init__(self, send: Any, receive: Any):
        self.send, self.receive = send, receive

    def tell(self, told: Any) -> None:
        self.send.send(("told", told))

    def hear(self) -> Any:
        return self.receive.recv()


class Fork:
    """Runs `work(channel)` in a forked process (when `wanted`).

    `told()` gives what it has told so far, without waiting; `next_told()` waits for its next
    message; `say()` sends it one; `result()` waits for what it returns and logs here what it
    logged. Leaving the block early (an error here, Ctrl-C, SIGTERM) ends the process at once.
    """

    def __init__(self, work: Callable[[Channel], Any], wanted: bool):
        self.work, self.wanted = work, wanted
        self.process: multiprocessing.process.BaseProcess | None = None
        self._told: list[Any] = []
        self._final: tuple[bool, Any, list[tuple[int, str, str]]] | None = None

    def __enter__(self) -> Fork:
        if self.wanted:
            self.receive, send = multiprocessing.Pipe(duplex=False)
            heard, self.send = multiprocessing.Pipe(duplex=False)
            self.process = multiprocessing.get_context("fork").Process(
                target=_run, args=(self.work, Channel(send, heard))
            )
            self.process.start()
            send.close()
            heard.close()
        return self

    def say(self, message: Any) -> None:
        self.send.send(message)

    def next_told(self) -> Any:
        """Wait for the next thing the process tells (raising its error if it fails first)."""
        while not self._told and self._final is None:
            self._take()
        if not self._told:
            self.result()
            raise PluginError("the build's second process ended before it told what was awaited")
        return self._told.pop(0)

    def told(self) -> list[Any]:
        while self.process is not None and self._final is None and self.receive.poll():
            self._take()
        told, self._told = self._told, []
        return told

    def result(self) -> Any:
        if self.process is None:
            return None
        while self._final is None:  # interrupted here (Ctrl-C), the process is left to `__exit__`, which ends it
            self._take()
        self.process.join()
        self.process = None
        done, value, records = self._final
        for level, name, message in records:  # logged here, so that strict mode counts its warnings
            logging.getLogger(name).log(level, message)
        if not done:
            raise value
        return value

    def _take(self) -> None:
        assert self.process is not None
        try:
            message = self.receive.recv()
        except EOFError:
            self.process.join()
            raise PluginError(
                f"the build's second process ended without finishing its pages (exit code {self.process.exitcode})"
            ) from None
        if message[0] == "told":
            self._told.append(message[1])
        else:
            self._final = message[1:]

    def __exit__(self, *_exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join(timeout=10)
            if self.process.exitcode is None:
                self.process.kill()
                self.process.join()


def _run(work: Callable[[Channel], Any], channel: Channel) -> None:
    """In the forked process: do `work`, and send back what it tells, its result (or error) and the messages it logged.

    SIGTERM ends it at once; Ctrl-C is left to the build's own process, which then ends it.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    records: list[tuple[int, str, str]] = []
    keeper = logging.Handler(logging.INFO)
    keeper.emit = lambda record: records.append((record.levelno, record.name, record.getMessage()))  # type: ignore[method-assign]
    log.handlers = [keeper]
    try:
        answer: tuple[str, bool, Any, list] = ("done", True, work(channel), records)
    except BaseException as exc:
        answer = ("done", False, _sendable(exc), records)
    channel.send.send(answer)


def _sendable(exc: BaseException) -> BaseException:
    """`exc`, or a `PluginError` with its text if it cannot be pickled."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return PluginError(f"{type(exc).__name__}: {exc}")
    return exc
