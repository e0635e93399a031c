"""write_atomic: a file is written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from strikes.core.files import write_atomic


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.csv"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["out.csv"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    assert target.read_bytes() == b"old"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
