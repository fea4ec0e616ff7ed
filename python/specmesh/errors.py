"""The exceptions the native module raises (it imports this module to raise them)."""

from __future__ import annotations

from typing import NamedTuple, Sequence


class Diagnostic(NamedTuple):
    """One problem in an input file; line and column are 1-based, 0 when unknown."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: {self.message}" if self.file else self.message
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class SpecmeshError(Exception):
    """Base of specmesh's errors; `code` is the library's ErrorCode name."""

    def __init__(self, message: str, code: str = "internal",
                 diagnostics: Sequence[Sequence[object]] = ()) -> None:
        self.message = message
        self.code = code
        self.diagnostics: list[Diagnostic] = [
            d if isinstance(d, Diagnostic) else Diagnostic(*d)  # type: ignore[arg-type]
            for d in diagnostics
        ]
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class SpecError(SpecmeshError):
    """The spec (or a schema it names) is invalid or unreadable.

    str() is one `file:line:col: message` line per problem, like the CLI prints them.
    """

    def __str__(self) -> str:
        if self.diagnostics:
            return "\n".join(str(d) for d in self.diagnostics)
        return self.message


class ClusterError(SpecmeshError):
    """Connecting to or reading from Kafka or the schema registry failed; one line."""
