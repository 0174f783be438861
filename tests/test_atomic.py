"""rbvgraph.util.atomic: every output is written whole or not at all, and never clobbers what it should not.

Devices, FIFOs and symbolic links are written through, not renamed over; modes are kept or come from the umask;
a folder is swapped in one step, one process at a time, and what killed runs leave behind is cleaned up.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
import time

import pytest

from rbvgraph.errors import OutputError
from rbvgraph.util import atomic
from rbvgraph.util.atomic import locked_folder, write_bytes


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_dev_null_stays_a_device(cli_run):
    before = os.stat("/dev/null")
    code, _, err = cli_run("query", "afkortingen", "-f", "csv", "-o", "/dev/null")
    assert code == 0 and "wrote /dev/null" in err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_bytes(fifo, b"a,b\r\n1,2\r\n")
    reader.join(10)
    assert got == [b"a,b\r\n1,2\r\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path):
    real = tmp_path / "echt" / "data.csv"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_bytes(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new" and stat.S_IMODE(real.stat().st_mode) == 0o640
    assert _leftovers(real.parent) == [] and _leftovers(tmp_path) == []


def test_a_folder_is_one_clear_error(tmp_path):
    with pytest.raises(OutputError, match=f"cannot write {tmp_path}: it is a folder"):
        write_bytes(tmp_path, b"x")


def test_a_file_in_the_way_is_one_clear_error(tmp_path, cli_run):
    (tmp_path / "afile").write_text("ik ben een bestand")
    for target in ("afile/x.ttl", "afile/sub/x.ttl"):
        code, out, err = cli_run("export", "-o", tmp_path / target)
        assert (code, out) == (1, "")
        assert err == f"rbvgraph: error: cannot write {tmp_path / target}: {tmp_path / 'afile'} is a file, not a folder\n"
    assert (tmp_path / "afile").read_text() == "ik ben een bestand"


def test_modes_existing_kept_new_from_the_umask(tmp_path, umask_022):
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old")
    kept.chmod(0o644)
    write_bytes(kept, b"new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644, "an existing 0644 file used to become 0600"
    kept.chmod(0o600)
    write_bytes(kept, b"newer")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    write_bytes(tmp_path / "new.csv", b"x")
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644
    os.umask(0o027)
    write_bytes(tmp_path / "private.csv", b"x")
    assert stat.S_IMODE((tmp_path / "private.csv").stat().st_mode) == 0o640


@pytest.mark.slow
def test_build_folder_and_files_get_the_umask_modes(cli_run, project_copy, tmp_path, umask_022):
    out = tmp_path / "build"
    code, _, err = cli_run("build", "-o", out, "--inference", "none", "--no-validate", home=project_copy)
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o755, "mkdtemp's 0700 used to stay"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*")}
    assert modes == {0o755, 0o644}
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_dir()} == {0o755}


@pytest.mark.slow
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    """Ctrl-C (SIGALRM raising KeyboardInterrupt here) at random moments of a 32 MB write: the target holds the
    old bytes or the new, never a part, and no temporary file is left."""
    target = tmp_path / "out.nt"
    old, new = b"o" * 1000, b"n" * 32_000_000
    target.write_bytes(old)

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    interrupted = 0
    try:
        for k in range(40):
            target.write_bytes(old)
            signal.setitimer(signal.ITIMER_REAL, 0.0005 + k * 0.0015)
            try:
                write_bytes(target, new)
                time.sleep(0.1)  # a late alarm goes off here, outside the write
            except KeyboardInterrupt:
                interrupted += 1
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            assert target.read_bytes() in (old, new)
            assert _leftovers(tmp_path) == []
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert interrupted >= 5, "the alarms should have interrupted some writes"


def test_a_second_holder_waits_and_is_told(tmp_path):
    target = tmp_path / "build"
    said, order = [], []
    with locked_folder(target):
        def second():
            with locked_folder(target, on_wait=lambda: said.append("waiting")):
                order.append("second")

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        order.append("first done")
    thread.join(10)
    assert said == ["waiting"] and order == ["first done", "second"]


def test_the_folder_is_swapped_whole_and_leftovers_of_killed_runs_go(tmp_path, umask_022):
    target = tmp_path / "build"
    with locked_folder(target) as folder, folder.replacing() as new:
        (new / "a.txt").write_text("1")
    assert stat.S_IMODE(target.stat().st_mode) == 0o755, "mkdtemp's 0700 used to stay"
    (tmp_path / ".build.new.x1y2").mkdir()  # as a run killed while writing leaves it
    (tmp_path / ".build.new.x1y2" / "half.txt").write_text("half")
    with locked_folder(target) as folder:
        assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock", "build"]
        with pytest.raises(RuntimeError), folder.replacing() as new:
            (new / "a.txt").write_text("2")
            raise RuntimeError("a step failed")
    assert (target / "a.txt").read_text() == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock", "build"]


def test_without_an_exchange_two_renames_and_a_kill_between_them_is_repaired(tmp_path, monkeypatch):
    """Where renameat2 cannot swap (another system, another file system) the folder is swapped by two renames; a
    run killed between them leaves the old output as .build.old and no build/: the next run puts it back."""
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    target = tmp_path / "build"
    for text in ("1", "2"):
        with locked_folder(target) as folder, folder.replacing() as new:
            (new / "a.txt").write_text(text)
        assert (target / "a.txt").read_text() == text
    os.rename(target, tmp_path / ".build.old")  # the state between the two renames
    with locked_folder(target):
        assert (target / "a.txt").read_text() == "2"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock", "build"]


def test_renameat2_swaps_two_folders_here(tmp_path):
    """On this machine (Linux) the swap is one step; elsewhere the test above covers the fallback."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "from-a").touch()
    assert atomic._exchange(a, b) is True
    assert [p.name for p in b.iterdir()] == ["from-a"] and list(a.iterdir()) == []
