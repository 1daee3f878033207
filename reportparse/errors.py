"""Exceptions. The CLI turns them into one-line messages and exit codes."""

from __future__ import annotations


class ReportParseError(Exception):
    """Base class of every error reportparse raises on purpose."""


class InputError(ReportParseError):
    """A file that cannot be read as the kind it claims to be."""

    def __init__(self, source: str, message: str, stage: str = "ingest") -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        self.stage = stage


class PdfReadError(InputError):
    """Corrupt, truncated, encrypted or otherwise unreadable PDF."""


class NoTextLayer(InputError):
    """A PDF with pages but no extractable text (scanned)."""


class RuleProblem:
    """One problem found in a rule file: ``file:line: rule-id: message``."""

    __slots__ = ("file", "line", "rule", "message")

    def __init__(self, file: str, line: int, rule: str, message: str) -> None:
        self.file, self.line, self.rule, self.message = file, line, rule, message

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.rule or '-'}: {self.message}"


class RuleFileError(ReportParseError):
    """Every problem found while loading rule files, listed at once."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
