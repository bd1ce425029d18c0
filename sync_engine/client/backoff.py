"""When to try syncing again: exponential backoff with jitter, on an injectable clock.

A failure that may pass (no network, HTTP 5xx) delays the next attempt by
``base × 2^(failures-1)``, capped at ``cap``, times a random factor in [0.5, 1) so that 500
devices coming back after an outage do not knock on the server in step. A success resets it.
Nothing is ever dropped because of the number of failures: the outbox keeps every entry.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

__all__ = ["Backoff"]


class Backoff:
    """The retry schedule of one sync loop. ``clock`` and ``rand`` are injectable for tests."""

    def __init__(self, *, base: float = 1.0, cap: float = 300.0,
                 clock: Callable[[], float] = time.monotonic,
                 rand: Callable[[], float] = random.random) -> None:
        if base <= 0 or cap < base:
            raise ValueError("need 0 < base <= cap")
        self.base = base
        self.cap = cap
        self._clock = clock
        self._rand = rand
        self.failures = 0
        self._next_at = 0.0

    def failed(self) -> float:
        """Record a failure; returns the delay (seconds) before the next attempt."""
        self.failures += 1
        ceiling = min(self.cap, self.base * 2.0 ** min(self.failures - 1, 62))
        delay = ceiling * (0.5 + self._rand() / 2)
        self._next_at = self._clock() + delay
        return delay

    def succeeded(self) -> None:
        """Record a success: the next attempt may happen at once."""
        self.failures = 0
        self._next_at = 0.0

    def remaining(self) -> float:
        """Seconds until the next attempt is due (0 when due now)."""
        return max(0.0, self._next_at - self._clock())

    def due(self) -> bool:
        """True if an attempt may run now."""
        return self.remaining() <= 0.0
