"""Damaged caches never give a wrong answer: bytes flipped at random positions (the file keeps its size) of the
closure cache and of the on-disk store copy are found by their checksums, reported in one line, and the entry is
made again. The answer checked is exact: ``onderdelen -p org=politie`` has 18 rows, one of which (Team Milieu)
only the closure gives; ``afkortingen`` has the 24 abbreviations of Bijlage 2."""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys

import pytest

from rbvgraph.graph import storecache

FLIPS = int(os.environ.get("RBVGRAPH_TEST_FLIPS", "25"))  # per kind of cache in the slow tests
ONDERDELEN = ("query", "onderdelen", "-p", "org=politie", "-f", "csv")
AFKORTINGEN = ("query", "afkortingen", "-f", "csv")


def flip(path, rng: random.Random) -> int:
    """Flip one bit at a random position of ``path``; the size stays the same. Returns the position."""
    data = bytearray(path.read_bytes())
    position = rng.randrange(len(data))
    data[position] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))
    return position


@pytest.fixture
def cache(monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    monkeypatch.setenv("RBVGRAPH_CACHE", str(folder))
    return folder


def _closure_files(cache):
    return sorted(cache.glob("closure-owlrl-*.nt")) + sorted(cache.glob("closure-owlrl-*.json"))


def _flip_closure_cache(cli_run, cache, flips: int, seed: int) -> None:
    code, expected, err = cli_run(*ONDERDELEN)
    assert (code, len(expected.splitlines())) == (0, 19), err
    assert "Team Milieu" in expected
    rng = random.Random(seed)
    for _ in range(flips):
        data, note = _closure_files(cache)
        damaged = data if rng.random() < 0.8 else note
        where = flip(damaged, rng)
        code, out, err = cli_run(*ONDERDELEN)
        assert (code, out) == (0, expected), (damaged.name, where)
        assert err == f"rbvgraph: warning: damaged cache entry {data} removed, rebuilding\n", (damaged.name, where)
        assert [p.name for p in _closure_files(cache)] == [data.name, note.name], "made again"
        code, out, err = cli_run(*ONDERDELEN)
        assert (code, out, err) == (0, expected, ""), "the new entry is whole"


def test_a_flipped_byte_in_the_closure_cache_is_found(cli_run, cache):
    _flip_closure_cache(cli_run, cache, 1, seed=17)


@pytest.mark.slow
def test_many_flipped_bytes_in_the_closure_cache_never_give_a_wrong_answer(cli_run, cache, project_copy, tmp_path):
    _flip_closure_cache(cli_run, cache, FLIPS, seed=2023)
    data, _ = _closure_files(cache)
    flip(data, random.Random(5))
    code, _, err = cli_run("build", "-o", tmp_path / "build", home=project_copy)
    assert code == 0 and "damaged cache entry" in err
    assert len((tmp_path / "build" / "queries" / "onderdelen.csv").read_text(encoding="utf-8-sig").splitlines()) == 19


def _limit_memory():
    limit = 3 * 1024 ** 3  # a damaged store once grew a query to 21 GB: here it would end in an error instead
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run(args, cache):
    env = {**os.environ, "RBVGRAPH_CACHE": str(cache), storecache.ENV_VAR: "always"}
    return subprocess.run([sys.executable, "-m", "rbvgraph", *args], capture_output=True, text=True, env=env,
                          preexec_fn=_limit_memory, timeout=300)


def _flip_store_copies(cache, flips: int, seed: int) -> None:
    expected = {args: _run(args, cache) for args in (ONDERDELEN, AFKORTINGEN)}
    assert [len(done.stdout.splitlines()) for done in expected.values()] == [19, 25]
    rng = random.Random(seed)
    for k in range(flips):
        args = (ONDERDELEN, AFKORTINGEN)[k % 2]
        (copy,) = [p for p in (cache / "stores").iterdir() if p.name.startswith("owlrl-" if args == ONDERDELEN else "none-")]
        files = sorted(p for p in copy.rglob("*") if p.is_file())
        damaged = rng.choice(files)
        where = flip(damaged, rng)
        done = _run(args, cache)
        assert (done.returncode, done.stdout) == (0, expected[args].stdout), (damaged.name, where, done.stderr[-500:])
        assert done.stderr == f"rbvgraph: warning: damaged cache entry {copy} removed, rebuilding\n", (damaged.name, where)
        again = _run(args, cache)
        assert (again.returncode, again.stdout, again.stderr) == (0, expected[args].stdout, "")


@pytest.mark.slow
def test_a_flipped_byte_in_a_store_copy_is_found(cache):
    _flip_store_copies(cache, 2, seed=3)


@pytest.mark.slow
def test_many_flipped_bytes_in_store_copies_never_give_a_wrong_answer(cache):
    _flip_store_copies(cache, FLIPS, seed=1234)
