"""The project's exceptions: each says what is wrong and where, for a person, and maps to an exit code."""
from __future__ import annotations


class MugalimError(Exception):
    """Base class. `exit_code` is what the command line returns for it."""

    exit_code = 1


class ConfigError(MugalimError):
    """A setting is missing or wrong: fail loudly, naming the key (and the file)."""

    exit_code = 2


class RejectedInput(MugalimError):
    """An input that cannot be taken: it is quarantined with this message as its reason."""

    exit_code = 3


class UnreadableDocument(RejectedInput):
    """A file that cannot be read at all (corrupt, encrypted, not a document)."""

    exit_code = 4


class TransientError(MugalimError):
    """A failure worth retrying (a busy database, a killed subprocess): Airflow retries the task."""

    exit_code = 75


class OutputError(MugalimError):
    """An output file could not be built; nothing that depends on it was recorded."""

    exit_code = 9
