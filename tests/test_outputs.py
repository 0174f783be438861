"""Every command that writes (-o of build, export, query, network and reason) on a real full disk and a real read-only
file system: one line on stderr naming the path, a non-zero exit, the previous file or build untouched, nothing left
behind. The disk is a small tmpfs mounted for the test (it needs root, as the test machine has); usage errors are
one line too."""

from __future__ import annotations

import errno
import os
import subprocess

import pytest

from .helpers import assert_one_line_error

NO_SPACE = os.strerror(errno.ENOSPC)
READ_ONLY = os.strerror(errno.EROFS)


@pytest.fixture
def disk(tmp_path):
    """A 32 MB tmpfs (a build is about 14 MB, with its entity pages) at tmp_path/disk, unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m,mode=0755", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (it needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(folder) -> None:
    """Write a file until the file system is full."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError as err:
        assert err.errno == errno.ENOSPC
    finally:
        os.close(fd)


def remount_read_only(folder) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def contents(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


COMMANDS = {
    "export": ("export", "-f", "trig"),
    "query": ("query", "afkortingen", "-f", "csv"),
    "network": ("network", "--theme", "mensenhandel"),
    "reason": ("reason", "--inference", "rdfs"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_disk_is_one_line_and_the_old_file_stays(command, disk, cli_run):
    target = disk / "uitvoer" / "bestand"
    target.parent.mkdir()
    target.write_bytes(b"de vorige versie\n")
    fill(disk)
    code, out, err = cli_run(*COMMANDS[command], "-o", target)
    assert_one_line_error(code, out, err, f"cannot write {target}: {NO_SPACE}", exit_code=1)
    assert target.read_bytes() == b"de vorige versie\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["bestand"], "no temporary file left behind"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_read_only_folder_is_one_line(command, disk, cli_run):
    target = disk / "bestand"
    target.write_bytes(b"de vorige versie\n")
    remount_read_only(disk)
    code, out, err = cli_run(*COMMANDS[command], "-o", target)
    assert_one_line_error(code, out, err, f"cannot write {target}: {READ_ONLY}", exit_code=1)
    assert target.read_bytes() == b"de vorige versie\n"


@pytest.mark.slow
def test_build_on_a_full_disk_keeps_the_previous_build(disk, cli_run, project_copy):
    out = disk / "build"
    code, _, err = cli_run("build", "-o", out, "--inference", "none", "--no-validate", home=project_copy)
    assert code == 0, err
    before = contents(out)
    fill(disk)
    code, stdout, err = cli_run("build", "-o", out, "--inference", "none", "--no-validate", "--force",
                                home=project_copy)
    assert_one_line_error(code, stdout, err, f"cannot write {out}/", NO_SPACE, exit_code=1)
    assert ".build.new" not in err, "the message names the build's own path, not the temporary folder"
    assert contents(out) == before
    assert sorted(p.name for p in disk.iterdir()) == [".build.lock", "build", "filler"]
    remount_read_only(disk)
    code, stdout, err = cli_run("build", "-o", out, "--inference", "none", "--no-validate", "--force",
                                home=project_copy)
    assert_one_line_error(code, stdout, err, f"cannot write {out}", READ_ONLY, exit_code=1)
    assert contents(out) == before


@pytest.mark.slow
def test_a_full_cache_is_skipped_and_the_command_still_answers(disk, cli_run, monkeypatch):
    monkeypatch.setenv("RBVGRAPH_CACHE", str(disk / "cache"))
    monkeypatch.setenv("RBVGRAPH_DISK_STORE", "always")
    fill(disk)
    code, out, err = cli_run("query", "onderdelen", "-p", "org=politie", "-f", "csv")
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 19  # the header and 18 units, computed in memory


@pytest.mark.parametrize("args, fragment", [
    (("query", "afkortingen", "--nope"), "No such option '--nope'"),
    (("query", "afkortingen", "-f", "xlsx"), "Invalid value for '-f' / '--format'"),
    (("querie",), "No such command 'querie'"),
    (("query",), "Missing argument 'NAME_OR_FILE'"),
    (("serve", "--port", "70000"), "Invalid value for '--port'"),
])
def test_usage_errors_are_one_line_with_exit_code_2(cli_run, args, fragment):
    code, out, err = cli_run(*args)
    assert_one_line_error(code, out, err, fragment, "--help')", exit_code=2)
