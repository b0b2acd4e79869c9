"""The in-process event bus (RF23).

Subscribers are called one after another in the publishing thread, after the
commit. A subscriber that raises is logged and skipped: it never undoes or
fails the request. A queue-backed publisher (RQ, Celery) can take this one's
place behind the same ``EventPublisher`` port without touching any use case.
"""

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from src.domain.events import Event

log = logging.getLogger("hospital.events")

Subscriber = Callable[[Event], None]


class InProcessEventBus:
    def __init__(self) -> None:
        self._subscribers: dict[str, list[Subscriber]] = defaultdict(list)

    def subscribe(self, name: str, subscriber: Subscriber) -> None:
        """``name`` is an event name such as ``leito.liberado``, or ``*`` for all."""
        self._subscribers[name].append(subscriber)

    def publish(self, event: Event) -> None:
        for subscriber in (*self._subscribers[event.name], *self._subscribers["*"]):
            try:
                subscriber(event)
            except Exception:
                log.exception(
                    "event_subscriber_failed",
                    extra={"event_name": event.name, "subscriber": _name(subscriber)},
                )


def log_event(event: Event) -> None:
    """Every event, by name and ids only (no patient data)."""
    ids: dict[str, Any] = {
        f.name: getattr(event, f.name)
        for f in dataclasses.fields(event)
        if f.name.endswith("_id")
    }
    log.info("event", extra={"event_name": event.name, **ids})


def _name(subscriber: Subscriber) -> str:
    return getattr(subscriber, "__qualname__", repr(subscriber))
