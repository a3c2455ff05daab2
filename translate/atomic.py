"""Atomic file writes and advisory locks, so no reader ever sees half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from translate.errors import OutputError, TranslateError


def write_text_atomic(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write `text` to `path` through a temporary file in the same directory, then rename."""
    write_bytes_atomic(path, text.encode(encoding))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically; the old file (if any) stays intact on failure."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):  # a full disk, a quota, an I/O error: name the file
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise


def check_writable(folder: Path) -> None:
    """Make sure files can be written into `folder` (created if missing), before any work is done.

    A temporary file is created, written, synced and removed, so a read-only folder, a missing
    permission or a full disk is found now rather than after the work that was to be saved.

    Raises:
        OutputError: the folder cannot be created or written into.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".translate-probe.", suffix=".tmp", dir=folder)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on the way
        reason = getattr(exc, "strerror", None) or exc
        raise OutputError(f"{folder}: cannot write into this folder: {reason}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(b"\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot write into this folder: {exc.strerror or exc}"
        ) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@contextlib.contextmanager
def locked(path: Path, *, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive advisory lock on `path` (via a hidden `.NAME.lock`) for read-modify-write.

    The lock file stays behind after the edit (removing it would race with the next locker).
    """
    lock_path = Path(path).with_name(f".{Path(path).name}.lock")
    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        with lock:
            yield
    except Timeout as exc:
        raise OutputError(f"{path}: locked by another process (waited {timeout:.0f}s)") from exc


def read_file_bytes(
    path: Path, error: type[TranslateError], *, what: str = "file", shown: str | None = None
) -> bytes:
    """Read a whole regular file; every failure becomes one `error` line naming the path.

    Args:
        path: the file.
        error: the TranslateError subclass to raise (InputError, GlossaryError, ...).
        what: what the file is, for the message ("file", "glossary file").
        shown: how to show the path (default: as given).
    """
    name = shown if shown is not None else str(path)
    try:
        if path.is_dir():
            raise error(f"{name}: is a directory, not a {what}")
        if path.exists() and not path.is_file():  # FIFO, socket, device: could block forever
            raise error(f"{name}: not a regular file")
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{name}: {what} not found") from None
    except IsADirectoryError:
        raise error(f"{name}: is a directory, not a {what}") from None
    except PermissionError:
        raise error(f"{name}: permission denied") from None
    except OSError as exc:
        raise error(f"{name}: cannot read: {exc.strerror or exc}") from None
