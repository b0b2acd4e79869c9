"""The background thread that empties the outbox.

It runs the sending use case every ``interval`` seconds, and at once when
woken (right after a commit that queued mail). Several processes may each
run one: the use case's claims keep them from sending a mail twice.
"""

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("hospital.email")


class SenderLoop:
    """A daemon thread around ``run_once``; one per process that serves."""

    def __init__(self, run_once: Callable[[], object], interval: float = 5.0) -> None:
        self._run_once = run_once
        self._interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._loop, name="email-sender", daemon=True
        )
        self._thread.start()
        log.info("email_sender_started", extra={"interval_s": self._interval})

    def wake(self) -> None:
        """Send now rather than at the next tick; harmless when not started."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self._run_once()
            except Exception:
                # The database may be down for a while; the next tick retries.
                log.exception("email_sender_run_failed")
            self._wake.wait(self._interval)
