"""Exceptions whose message is a one-line, user-facing explanation naming the fix."""


class AssistantError(Exception):
    """Base class: `str(error)` is safe to show to a user as it is."""


class InputError(AssistantError):
    """A question, file or URL that cannot be used."""


class IndexMissingError(AssistantError):
    """No usable index has been built yet."""


class IndexIncompatibleError(AssistantError):
    """The index was built with another model or chromadb version."""


class IndexLockedError(AssistantError):
    """Another process is writing the index."""


class BackendError(AssistantError):
    """An answer backend failed (timeout, connection, bad reply)."""


class IndexCorruptError(AssistantError):
    """No build of the index passes its checks (missing, truncated or unreadable files)."""
