"""Timers the publishing code wears as decorators: its durations as metrics and log lines."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from ops import metrics

logger = logging.getLogger("seloste.publish")


def timed_publish[F: Callable[..., Any]](function: F) -> F:
    """For ``register_publish``; outcomes: published, unchanged, blocked, failed."""

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        outcome = "failed"
        try:
            version = function(*args, **kwargs)
            outcome = "published" if version is not None else "unchanged"
            return version
        except Exception as error:
            from registers.publishing.versions import PublishBlocked

            outcome = "blocked" if isinstance(error, PublishBlocked) else "failed"
            raise
        finally:
            seconds = time.perf_counter() - start
            metrics.PUBLISH_SECONDS.labels(outcome).observe(seconds)
            logger.info(
                "publish %s",
                outcome,
                extra={"outcome": outcome, "duration_ms": round(seconds * 1000, 1)},
            )

    return timed  # type: ignore[return-value]


def timed_render[F: Callable[..., Any]](function: F) -> F:
    """For ``store_outputs(version, document)``: one language's outputs, labelled by language."""

    @functools.wraps(function)
    def timed(version: Any, document: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(version, document, *args, **kwargs)
        finally:
            metrics.RENDER_SECONDS.labels(document.language).observe(time.perf_counter() - start)

    return timed  # type: ignore[return-value]
