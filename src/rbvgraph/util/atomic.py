"""Writing files and folders so that a failure never leaves them half-written and never clobbers what is there.

:func:`write_bytes` is the one way rbvgraph writes a file: every ``-o``, every file of a build, the user cache.
:func:`locked_folder` lets one process at a time replace a whole folder (``build/``) without a moment in which
the folder is missing. Every :class:`OSError` on the way (disk full, no permission, a file in the way, a read-only
file system) becomes one :class:`~rbvgraph.errors.OutputError` naming the path.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path

from ..errors import OutputError

try:
    import fcntl
except ImportError:  # not POSIX: builds are not serialised there
    fcntl = None

_AT_FDCWD = -100  # Linux: paths are relative to the working directory
_RENAME_EXCHANGE = 2  # Linux renameat2 flag: swap two paths in one step


def write_bytes(path: str | Path, data: bytes, shown: str | Path | None = None, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old content or the new, never a part.

    - a regular file, or nothing yet: the data goes to a temporary file in the same folder, is flushed to disk and
      renamed over the target; an existing file keeps its mode (and, where allowed, its owner), a new one gets
      ``0o666`` less the umask; the temporary file is removed on any failure, Ctrl-C included;
    - a symbolic link: its target is replaced that way, and the link stays a link;
    - a character or block device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe): opened and written,
      never renamed over;
    - a folder: an :class:`OutputError`, as is every other failure.

    Messages name ``shown`` when given: a file written into a temporary folder is named by where it will be.
    Without ``durable`` the file is not flushed to disk one by one: for a file of a new folder that
    :meth:`LockedFolder.replacing` flushes whole before it takes the place of the old one (hundreds of pages).
    """
    target = Path(path)
    named = Path(shown) if shown is not None else target
    try:
        _write(target, data, durable)
    except OutputError as err:
        raise OutputError(str(err).replace(str(target), str(named))) from None
    except OSError as err:
        raise OutputError(_message(named, err)) from None


def utf8(text: str, bom: bool = False) -> bytes:
    """``text`` as UTF-8, after a byte-order mark when ``bom`` (Excel reads UTF-8 CSV correctly only with one)."""
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def _write(shown: Path, data: bytes, durable: bool = True) -> None:
    real = Path(os.path.realpath(shown))
    found = _stat(real, shown)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutputError(f"cannot write {shown}: it is a folder")
    if found is not None and not stat.S_ISREG(found.st_mode):
        _stream(real, data)
        return
    make_folder(real.parent, shown)
    mode = found.st_mode & 0o777 if found is not None else 0o666 & ~umask()
    # named before it is made, so that an interruption at any moment after it exists still finds it to remove
    temporary = real.parent / f".{real.name}.{uuid.uuid4().hex[:12]}.tmp"
    fd = -1
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.fchmod(fd, mode)
        if found is not None and (found.st_uid, found.st_gid) != (os.geteuid(), os.getegid()):
            with suppress(PermissionError):
                os.fchown(fd, found.st_uid, found.st_gid)
        _write_all(fd, data)
        if durable:
            os.fsync(fd)
        closing, fd = fd, -1  # forgotten before it is closed: an interruption here must not close it twice
        os.close(closing)
        os.replace(temporary, real)
    except BaseException:
        with suppress(OSError):
            if fd >= 0:
                os.close(fd)
            os.unlink(temporary)
        raise
    if durable:
        sync_folder(real.parent)


def _stream(real: Path, data: bytes) -> None:
    """Write into a device or FIFO in place (no O_CREAT, no O_TRUNC: it is not a file to replace)."""
    fd = os.open(real, os.O_WRONLY)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _stat(real: Path, shown: Path) -> os.stat_result | None:
    try:
        return os.stat(real)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise OutputError(f"cannot write {shown}: {_in_the_way(shown)} is a file, not a folder") from None


def _in_the_way(path: Path) -> Path:
    """The first of ``path``'s folders that is not a folder."""
    for folder in reversed(path.parents):
        if folder.exists() and not folder.is_dir():
            return folder
    return path.parent


def make_folder(folder: Path, shown: Path | None = None) -> None:
    """Create ``folder`` and its parents (with the umask's mode); a file in the way is an :class:`OutputError`."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = folder if folder.exists() and not folder.is_dir() else _in_the_way(folder)
        raise OutputError(f"cannot write {shown or folder}: {blocker} is a file, not a folder") from None


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so a rename in it survives a power cut (where the system allows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sync_file_system(folder: Path) -> None:
    """Flush everything written to the file system that holds ``folder`` in one step (Linux ``syncfs``; elsewhere
    ``sync``): cheaper than flushing each of hundreds of files."""
    function = _libc_function("syncfs")
    fd = os.open(folder, os.O_RDONLY)
    try:
        if function is None or function(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


def _message(shown: Path, err: OSError) -> str:
    reason = err.strerror or str(err)
    other = err.filename if err.filename is not None and Path(os.fsdecode(err.filename)) != shown else None
    return f"cannot write {shown}: {reason}" + (f" ({os.fsdecode(other)})" if other else "")


def umask() -> int:
    """The process's umask, read from /proc where it can be (setting it to read it would race with threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------- replacing a whole folder


class LockedFolder:
    """A folder (``build/``) this process holds the lock of, and may therefore replace (:meth:`replacing`).

    Beside it live, for a moment, ``.NAME.new.*`` (the folder being written) and, where the platform cannot swap
    two folders in one step, ``.NAME.old`` (the previous output between two renames). Runs that were killed leave
    them behind; the next holder of the lock removes them (:meth:`_clean`), putting ``.NAME.old`` back when the
    folder itself is missing.
    """

    def __init__(self, target: Path, shown: Path):
        self.target = target
        self.shown = shown
        self.old = target.parent / f".{target.name}.old"
        self._new_prefix = f".{target.name}.new."

    def _clean(self) -> None:
        for left in self.target.parent.iterdir():
            if left.name.startswith(self._new_prefix):
                shutil.rmtree(left, ignore_errors=True)
        if self.old.is_dir():
            if not os.path.lexists(self.target):  # killed between the two renames: the old output goes back
                os.rename(self.old, self.target)
            else:
                shutil.rmtree(self.old, ignore_errors=True)

    @contextmanager
    def replacing(self) -> Iterator[Path]:
        """Yield a new, empty folder beside the target; when the block ends without an error it takes the target's
        place in one step (the previous folder is then removed), otherwise it is removed and the target is left
        as it was. The new folder gets the target's mode, or the umask's for a first build."""
        try:
            new = Path(tempfile.mkdtemp(prefix=self._new_prefix, dir=self.target.parent))
            found = _stat(self.target, self.shown)
            os.chmod(new, found.st_mode & 0o7777 if found is not None else 0o777 & ~umask())
        except OSError as err:
            raise OutputError(_message(self.shown, err)) from None
        try:
            yield new
        except BaseException:  # what the block raised (a failed write is already an OutputError naming its file)
            shutil.rmtree(new, ignore_errors=True)
            raise
        try:
            sync_file_system(new)  # every file of the new folder is on disk before it takes the target's place
            self._swap(new)
        except OSError as err:
            shutil.rmtree(new, ignore_errors=True)
            raise OutputError(_message(self.shown, err)) from None
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise

    def _swap(self, new: Path) -> None:
        if not os.path.lexists(self.target):
            os.rename(new, self.target)
        elif _exchange(new, self.target):
            shutil.rmtree(new, ignore_errors=True)  # the previous output, now under the temporary name
        else:
            os.replace(self.target, self.old)
            try:
                os.replace(new, self.target)
            except BaseException:
                os.replace(self.old, self.target)
                raise
            shutil.rmtree(self.old, ignore_errors=True)
        sync_folder(self.target.parent)


@contextmanager
def locked_folder(target: str | Path, on_wait: Callable[[], None] | None = None) -> Iterator[LockedFolder]:
    """Hold the lock of folder ``target`` (an exclusive ``flock`` on ``.NAME.lock`` beside it) for the block.

    A second process asking for the same folder waits until the first is done (``on_wait`` is called first, to
    say so). Leftovers of killed runs are cleaned up once the lock is held. A symbolic link to a folder stands for
    the folder it points to.
    """
    shown = Path(target)
    try:
        real = Path(os.path.realpath(shown))
        make_folder(real.parent, shown)
        found = _stat(real, shown)
        if found is not None and not stat.S_ISDIR(found.st_mode):
            raise OutputError(f"cannot write {shown}/: it is a file, not a folder")
        fd = os.open(real.parent / f".{real.name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as err:
        raise OutputError(_message(shown, err)) from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait()
                fcntl.flock(fd, fcntl.LOCK_EX)
        folder = LockedFolder(real, shown)
        try:
            folder._clean()
        except OSError as err:
            raise OutputError(_message(shown, err)) from None
        yield folder
    finally:
        os.close(fd)  # and with it the lock


@cache
def _libc_function(name: str):
    """A function of libc on Linux, or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None


@cache
def _renameat2():
    """libc's renameat2 (Linux, glibc 2.28 or later), or None."""
    function = _libc_function("renameat2")
    if function is None:
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(a: Path, b: Path) -> bool:
    """Swap the two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the system or the file
    system cannot, and the caller falls back to two renames."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
