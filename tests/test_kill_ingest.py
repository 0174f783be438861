"""Stopping ``rbvgraph ingest`` at any moment (Ctrl-C, kill, kill -9) leaves the project untouched or complete.

Ingest writes a new report's concept folder, its verslag.ttl and its text; a real ``python -m rbvgraph ingest`` is
stopped at random moments of its run, and after each stop the project's files are those before it or those of a
whole run, never a part (hidden leftovers of a killed run, such as ``.SLUG.new.*``, are no part of the project:
nothing reads them and the next ingest removes them). SIGKILL cannot be held off: between the moment the concept
folder is in place and the text is written it leaves the text missing, and the next ingest then reads the report as
new and completes it.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from .test_ingest import OOST, SLUG
from .test_kill import KILLS

pytestmark = pytest.mark.slow


def visible(root) -> dict[str, bytes]:
    """The project's data files, without the hidden ones (locks, temporary files and folders)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)}


def ingest(env, cwd, path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rbvgraph", "ingest", str(path), "--id", SLUG], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def reset(root) -> None:
    (root / "data" / "sources" / f"{SLUG}.txt").unlink(missing_ok=True)
    for folder in ("triples", "concepten"):
        shutil.rmtree(root / "data" / folder / SLUG, ignore_errors=True)


def test_ingest_stopped_at_random_moments_leaves_the_project_untouched_or_complete(project_copy, tmp_path):
    env = {**os.environ, "RBVGRAPH_HOME": str(project_copy), "RBVGRAPH_CACHE": str(tmp_path / "cache")}
    path = tmp_path / "oost.txt"
    path.write_text(OOST, encoding="utf-8")
    untouched = visible(project_copy)
    started = time.monotonic()
    done = ingest(env, tmp_path, path)
    assert done.wait(600) == 0, done.communicate()
    seconds = time.monotonic() - started
    complete = visible(project_copy)
    assert sorted(set(complete) - set(untouched)) == [
        f"data/concepten/{SLUG}/{name}" for name in ("1.1.ttl", "1.2.ttl", "1.ttl", "bijlage-1.ttl", "voorwoord.ttl")
    ] + [f"data/sources/{SLUG}.txt", f"data/triples/{SLUG}/verslag.ttl"]
    rng = random.Random(15)
    seen = {"untouched": 0, "complete": 0, "text missing": 0}
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        for delay in sorted(rng.uniform(0, seconds * 1.1) for _ in range(KILLS)):
            reset(project_copy)
            process = ingest(env, tmp_path, path)
            time.sleep(delay)
            process.send_signal(number)
            _, err = process.communicate()
            state = visible(project_copy)
            said = f"{signal.Signals(number).name} after {delay:.2f} s: {err}"
            if state == untouched:
                seen["untouched"] += 1
            elif state == complete:
                seen["complete"] += 1
            else:  # only SIGKILL, in the moment between the concept folder and the text
                assert number == signal.SIGKILL, said
                assert f"data/sources/{SLUG}.txt" not in state, said
                seen["text missing"] += 1
                again = ingest(env, tmp_path, path)
                assert again.wait(600) == 0, again.communicate()
                assert visible(project_copy) == complete, said
            # Ctrl-C is one line once rbvgraph runs (a Ctrl-C while Python itself starts is Python's)
            assert "Traceback" not in err or "rbvgraph" not in err, said
            if number == signal.SIGINT and process.returncode == 130:
                assert err.strip() == "rbvgraph: error: interrupted", said
    assert seen["untouched"] and seen["complete"], seen
    # what killed runs left is no part of the project, and the next ingest removes it
    reset(project_copy)
    again = ingest(env, tmp_path, path)
    assert again.wait(600) == 0, again.communicate()
    assert visible(project_copy) == complete
    assert sorted(p.name for p in (project_copy / "data" / "concepten").iterdir()) == [f".{SLUG}.lock", SLUG]
