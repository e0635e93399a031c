"""The one error shape for data a person must fix: a list of problems, each naming where.

The curated dataset (strikes.data.dataset) and a reader's upload (strikes.intake)
both report this way, so a caller shows the same message whichever refused.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_PROBLEMS_SHOWN = 5


class ProblemsError(ValueError):
    """The data is wrong; the message says where, in words the person can act on."""

    def __init__(self, problems: Sequence[object]) -> None:
        """``problems`` are text, or an upload's problems worded when shown (strikes.intake.wording); str() is English."""
        self.problems = list(problems)
        shown = [str(problem) for problem in problems[:MAX_PROBLEMS_SHOWN]]
        more = len(problems) - len(shown)
        lines = shown + ([f"... and {more} more problem{'s' if more > 1 else ''}"] if more else [])
        super().__init__("\n".join(lines))
