"""A first-come, first-served lock for the web desk's models.

The desk's model work (a report, one article of an upload) runs one piece at a time.
`threading.Lock` does not queue its waiters: a thread that releases it and asks again
at once (an upload moving to its next article) usually gets it back, so one long
upload could still starve every other request. `FairLock` hands the lock to waiters
in the order they asked, so a request that arrives during a long upload waits for the
article being analysed, not for the whole upload.
"""

from __future__ import annotations

import threading
from types import TracebackType


class FairLock:
    """A lock granted in arrival order (a ticket lock); not reentrant."""

    def __init__(self) -> None:
        self._changed = threading.Condition(threading.Lock())
        self._next_ticket = 0
        self._serving = 0

    def acquire(self) -> None:
        with self._changed:
            ticket = self._next_ticket
            self._next_ticket += 1
            self._changed.wait_for(lambda: self._serving == ticket)

    def release(self) -> None:
        with self._changed:
            self._serving += 1
            self._changed.notify_all()

    def locked(self) -> bool:
        with self._changed:
            return self._serving != self._next_ticket

    def __enter__(self) -> FairLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
