"""The ``extractive`` backend: answers made of the articles' own units, no model.

Nothing is invented: every statement is a unit of an article (in the reader's language
where the article has that version, quoted otherwise) with a lead from rag.replies.
"""

from __future__ import annotations

from collections.abc import Iterator

from rag.backends import register
from rag.backends.base import Job, extracted, finish
from rag.types import Answer


@register("extractive")
class Extractive:
    def run(self, job: Job) -> Iterator[str | Answer]:
        yield finish(job, extracted(job))
