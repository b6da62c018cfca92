"""Answer backends: who writes the answer from the chosen evidence.

A backend is one module that registers itself under one or more names; the pipeline
looks it up by the configured name. ``extractive`` writes nothing of its own (units
quoted or in the reader's language); ``local`` and ``openai`` let a language model
word fact answers, checked unit by unit. A new backend is one new module here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from rag.backends.base import Job
from rag.types import Answer


class Backend(Protocol):
    def run(self, job: Job) -> Iterator[str | Answer]:
        """Yield text pieces as they are written, then the final :class:`Answer`."""
        ...


_REGISTRY: dict[str, Callable[[], Backend]] = {}


def register(*names: str) -> Callable[[Callable[[], Backend]], Callable[[], Backend]]:
    """Class decorator: make a backend available under ``names``."""

    def add(factory: Callable[[], Backend]) -> Callable[[], Backend]:
        for name in names:
            _REGISTRY[name] = factory
        return factory

    return add


def get_backend(name: str) -> Backend:
    """The backend registered as ``name``."""
    from rag.backends import extractive, generative  # noqa: F401  (they register themselves)

    if name not in _REGISTRY:
        raise KeyError(f"no backend named {name!r}; known: {sorted(_REGISTRY)}")
    return _REGISTRY[name]()
