"""One exception tree for riwaya. Every error riwaya raises on purpose is a ``RiwayaError``.

::

    RiwayaError
    ├── InputError            a file or archive member that cannot become an article
    │   ├── UnreadableInput       missing, unreadable, or not a regular file
    │   ├── EmptyInput            no bytes, or no text after extraction
    │   ├── TooLarge              over the configured size limit
    │   ├── BinaryInput           bytes that are not text in any supported encoding
    │   ├── MalformedInput        XML/HTML/JSON/feed/WARC that cannot be parsed; truncated archives
    │   ├── UnsafeArchiveMember   absolute or ``..`` path (or a link) inside an archive
    │   └── UnsafeLink            a symbolic link in an input folder pointing outside it
    ├── PipelineError         stages that cannot be wired (a stage requires what nothing assigns)
    ├── StoreError            the database refuses (schema newer than this code, corrupt file)
    ├── EvalError             evaluation data missing or malformed
    └── QueryError            a search query with nothing to look for

Errors carry fields (``path``, ``member``, ``reason``) and are turned into one line for a person
only at the edges (the CLI), never swallowed into a silent ``None``. An ``InputError`` holds only
strings: no input bytes, no traceback, no chained exception (a batch with many failures keeps many
errors, and each would otherwise keep its file's bytes alive through its traceback's frames);
``line()`` shows names with control and bidi characters escaped, so a name cannot forge a line.
"""
from __future__ import annotations

from riwaya.escape import printable_name, visible


class RiwayaError(Exception):
    """Root of every error riwaya raises on purpose."""


class InputError(RiwayaError):
    """One input (file or archive member) could not be read as an article."""

    kind = "input"

    def __init__(self, path: str, reason: str, member: str | None = None):
        self.path = printable_name(str(path))
        self.member = printable_name(str(member)) if member is not None else None
        self.reason = printable_name(str(reason))
        super().__init__(self.line())

    def bare(self) -> InputError:
        """This error without its traceback and chained exceptions (and so without the frames,
        and the input bytes in their locals, that they keep alive)."""
        self.__traceback__ = None
        self.__context__ = None
        self.__cause__ = None
        self.__suppress_context__ = True
        return self

    @property
    def where(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path

    def line(self) -> str:
        """One line for a person: control, bidi and other invisible characters shown as escapes."""
        return visible(f"{self.where}: {self.kind}: {self.reason}")


class UnreadableInput(InputError):
    kind = "unreadable"


class EmptyInput(InputError):
    kind = "empty"


class TooLarge(InputError):
    kind = "too large"


class BinaryInput(InputError):
    kind = "binary"


class MalformedInput(InputError):
    kind = "malformed"


class UnsafeArchiveMember(InputError):
    kind = "unsafe archive"


class UnsafeLink(InputError):
    kind = "unsafe link"


class PipelineError(RiwayaError):
    """Stages that cannot be wired together."""


class StoreError(RiwayaError):
    """The store cannot do what was asked."""


class EvalError(RiwayaError):
    """Evaluation data missing or malformed."""


class QueryError(RiwayaError):
    """A search query that cannot be searched (nothing to look for, too many words)."""
