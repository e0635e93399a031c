"""Writing a file whole or not at all: the one way the package writes anything a user keeps."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file beside ``path``, fsync, then rename over it.

    A crash or a full disk mid-write leaves the previous file as it was, and no
    half-written file under the real name. The temp file is opened with mode
    0o666 so the umask sets the permissions, as for any new file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
