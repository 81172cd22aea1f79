"""Problems found in a workspace, each with the place to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem, printed as ``file:line:col: message`` (1-based line and column).

    ``blocking`` problems stop a workspace from opening (the window keeps the
    one it has); the others open with the problem shown (a missing document
    file, a changed document).
    """

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error" | "warning"
    blocking: bool = True

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        # One line per problem, whatever a message or a file name holds (scripts split on lines).
        message = " ".join(self.message.split()) if "\n" in self.message or "\r" in self.message else self.message
        file = self.file.replace("\n", "\\n").replace("\r", "\\r")
        return f"{file}:{self.line}:{self.col}: {prefix}{message}"


class WorkspaceError(Exception):
    """A workspace that cannot be opened; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s):\n{lines}{more}")
