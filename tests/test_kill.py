"""Killing rbvgraph at random moments, and running builds side by side, loses nothing and leaves nothing behind.

``build`` is killed (SIGKILL, so no clean-up code runs) at random moments of a forced rebuild: after every kill the
build folder is complete and byte for byte the build a clean run makes, and the next run removes what the killed
ones left. The first query after a change, which makes the on-disk copy of the graph, is killed the same way.
Six builds started at once all succeed, one after the other, without a traceback.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("RBVGRAPH_TEST_KILLS", "15"))
BUILD = ("build", "-o", "out", "--inference", "owlrl")


def contents(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def env(project_copy, tmp_path):
    return {**os.environ, "RBVGRAPH_HOME": str(project_copy), "RBVGRAPH_CACHE": str(tmp_path / "cache")}


def start(args, env, cwd) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rbvgraph", *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run(args, env, cwd) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "rbvgraph", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".out.") and p.name != ".out.lock")


@pytest.fixture
def reference(env, tmp_path):
    """A clean build's files, and how long a forced build takes here."""
    run(("build", "-o", "ref", "--inference", "owlrl"), env, tmp_path)
    started = time.monotonic()
    done = run(("build", "-o", "ref", "--inference", "owlrl", "--force"), env, tmp_path)
    assert done.returncode == 0, done.stderr
    return contents(tmp_path / "ref"), time.monotonic() - started


def test_builds_killed_at_random_moments_always_leave_a_complete_build(env, tmp_path, reference):
    expected, seconds = reference
    assert run(BUILD, env, tmp_path).returncode == 0
    rng = random.Random(17)
    delays = sorted(rng.uniform(0, seconds * 1.1) for _ in range(KILLS))
    left = set()
    for delay in delays:
        process = start((*BUILD, "--force"), env, tmp_path)
        time.sleep(delay)
        process.kill()
        process.communicate()
        assert contents(tmp_path / "out") == expected, f"killed after {delay:.2f} s"
        left.update(leftovers(tmp_path))
    assert left, "some kills fell while a build was being written (else this test shows nothing)"
    done = run(BUILD, env, tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "out/ is up to date (use --force to rebuild)"
    assert leftovers(tmp_path) == [], f"the next run removes what the killed ones left ({len(left)})"


def test_six_builds_at_once_wait_for_each_other(env, tmp_path, reference):
    expected, _ = reference
    source = tmp_path / "project" / "data" / "triples" / "themas.ttl"
    for force in (False, True):
        source.write_text(source.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        processes = [start(BUILD + (("--force",) if force else ()), env, tmp_path) for _ in range(6)]
        results = [(p.wait(600), *p.communicate()) for p in processes]
        assert [code for code, _, _ in results] == [0] * 6, results
        assert not [err for _, _, err in results if "Traceback" in err]
        waited = [err for _, _, err in results if "waiting for another build of out/ to finish" in err]
        assert len(waited) >= 1
        wrote = [out for _, out, _ in results if out.startswith("wrote ")]
        assert len(wrote) == (6 if force else 1), "without --force the builds that waited find it up to date"
        assert {k: v for k, v in contents(tmp_path / "out").items() if k != ".rbvgraph-build.json"} == \
            {k: v for k, v in expected.items() if k != ".rbvgraph-build.json"}
        assert leftovers(tmp_path) == []


def test_the_first_query_after_a_change_killed_at_random_moments_leaves_nothing_behind(env, tmp_path):
    env = {**env, "RBVGRAPH_DISK_STORE": "always"}
    query = ("query", "onderdelen", "-p", "org=politie", "-f", "csv")
    started = time.monotonic()
    expected = run(query, env, tmp_path).stdout  # the closure and the store copy are made: what is killed below
    seconds = time.monotonic() - started
    assert len(expected.splitlines()) == 19
    source = tmp_path / "project" / "data" / "triples" / "themas.ttl"
    stores = tmp_path / "cache" / "stores"
    rng = random.Random(99)
    left = set()
    for k in range(KILLS):
        source.write_text(source.read_text(encoding="utf-8") + f"\n# change {k}\n", encoding="utf-8")
        process = start(query, env, tmp_path)
        time.sleep(rng.uniform(0, seconds))
        process.kill()
        process.communicate()
        if stores.is_dir():
            left.update(p.name for p in stores.iterdir() if p.name.startswith("."))
    done = run(query, env, tmp_path)
    assert (done.returncode, done.stdout) == (0, expected), done.stderr
    assert left, "some kills fell while a copy was being written (else this test shows nothing)"
    assert [p.name for p in stores.iterdir() if p.name.startswith(".")] == [], f"{len(left)} left by killed writers"
    assert len([p for p in stores.iterdir() if (p / "complete.json").is_file()]) <= 4
