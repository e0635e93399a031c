"""A small least-recently-used memo: where an upload's maps are kept, in its reader's session only.

The curated data's maps are the same for every reader, so the app caches them
once for all (st.cache_data). An upload's are seen by one reader, and a
100,000-row upload's site data runs to tens of megabytes a filter choice: kept
in a process-wide cache they stayed after the reader left (twelve uploads held
1.6 GB). Kept here, in the reader's session state, they go when the session
does, and only the last few choices are kept: a reader changes one filter at
a time and goes back to the previous view far more often than to older ones.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    """At most ``size`` results by key, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._results: OrderedDict[Hashable, T] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key in self._results:
            self._results.move_to_end(key)
            return self._results[key]
        result = compute()
        self._results[key] = result
        while len(self._results) > self.size:
            self._results.popitem(last=False)
        return result

    def __len__(self) -> int:
        return len(self._results)
