"""wiretrace's errors: a small hierarchy, each with a reason a person can act on.

``ItemError`` and its subclasses concern one input item: the pipeline records
them as failures and goes on with the batch. ``WiretraceError`` outside that
family is wiretrace's own error (bad option, unusable store) and stops the
command with exit code 1.
"""

from __future__ import annotations


class WiretraceError(Exception):
    """An error wiretrace reports to the user in words."""


class UsageError(WiretraceError):
    """The user asked for something that cannot be done as asked."""


class StoreError(WiretraceError):
    """The store cannot be opened, migrated or written."""


class RegistryError(WiretraceError):
    """An outlet registry file is malformed; the message names the line."""


class ItemError(WiretraceError):
    """One input item cannot be handled; the batch goes on without it."""

    stage = "read"

    def __init__(self, reason: str, *, stage: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if stage is not None:
            self.stage = stage


class UnreadableInput(ItemError):
    """The bytes could not be read or decoded into text."""


class EmptyInput(ItemError):
    """The item holds no text."""


class TooLarge(ItemError):
    """The item exceeds the configured size limit."""


class NotAnArticle(ItemError):
    """The text was read but holds no article body."""

    stage = "article"
