"""The docs keep up with the code: every command has help with an example and is in the README with every option
its --help shows, CI runs exactly the test command the README gives, and every ```sh block of the README runs."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from rbvgraph.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.fixture(scope="module")
def readme(proj):
    return (proj.root / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert cli.commands[name].help and len(cli.commands[name].help.split()) > 5
    assert "Example" in result.output, f"'rbvgraph {name} --help' shows no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name, readme):
    assert f"`rbvgraph {name}" in readme


def test_ci_runs_exactly_the_readme_test_command(proj, readme):
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    setup = [b for b in blocks if "pytest" in b]
    assert setup, "README gives a test command"
    command = setup[0].strip()
    ci = (proj.root / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


def test_readme_main_job_is_the_build(readme):
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    assert blocks[0].strip() == "pip install . && rbvgraph build"


def _options_in_help(args: list[str]) -> list[tuple[str, ...]]:
    """The options a --help page shows, each as its spellings (``("-o", "--output")``)."""
    text = CliRunner().invoke(cli, [*args, "--help"]).output
    options = text.split("\nOptions:\n", 1)[1]
    found = []
    for line in options.splitlines():
        names = re.match(r"^  (-[^ ,]*(?:, -[^ ,]*)*)", line)
        if names:
            found.append(tuple(n.split("/")[0] for n in names.group(1).split(", ")))
    return found


def _mentions(text: str, spelling: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", text) is not None


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_a_command_is_in_its_row_of_the_command_table(name, readme):
    primary = cli.commands[name].name  # an alias (zoek, lijst) shares its command's row
    rows = "\n".join(line for line in readme.splitlines() if line.startswith(f"| `rbvgraph {primary} ")
                     or line.startswith(f"| `rbvgraph {primary}` "))
    assert rows, f"rbvgraph {name} has no row in the command table"
    shown = [o for o in _options_in_help([name]) if "--help" not in o]
    assert shown or name == "queries"
    assert [o for o in shown if not any(_mentions(rows, spelling) for spelling in o)] == []


def test_the_global_options_and_help_are_in_the_readme(readme):
    assert sorted(_options_in_help([])) == [("--home",), ("--met-concepten",), ("--version",), ("-h", "--help")]
    for option in ("--help", "-h", "--home", "--met-concepten", "--version", "RBVGRAPH_HOME"):
        assert f"`{option}" in readme or f"{option}`" in readme, option


# ---------------------------------------------------------------- running the README's sh blocks

BLOCKS = re.findall(r"```sh\n(.*?)\n```", (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8"),
                    flags=re.S)


def _kind(block: str) -> str:
    if "pytest" in block:
        return "test-suite"
    if block.startswith("pip install ."):
        return "install"
    if "oxigraph serve" in block:
        return "triple-store"
    if all(line.startswith("rbvgraph serve") for line in block.splitlines()):
        return "serve"
    return "plain"


def test_the_readme_blocks_are_the_ones_this_test_knows():
    assert [_kind(b) for b in BLOCKS] == ["install", "test-suite", "plain", "plain", "plain", "plain", "plain",
                                          "serve", "triple-store"]


def _copy_project(source: Path, target: Path) -> None:
    target.mkdir()
    for part in ("pyproject.toml", "README.md", "CHANGELOG.md", "src", "ontology", "data", "queries", ".ci"):
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source / part, target / part)


@pytest.fixture(scope="module")
def copy(tmp_path_factory, proj):
    """A copy of the project (what git tracks of it), with an ``rbvgraph`` command first on PATH that runs this
    checkout's code (the installed script may belong to another checkout)."""
    root = tmp_path_factory.mktemp("readme") / "rbvgraph"
    _copy_project(proj.root, root)
    bin_dir = root.parent / "bin"
    bin_dir.mkdir()
    (bin_dir / "rbvgraph").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m rbvgraph "$@"\n')
    (bin_dir / "rbvgraph").chmod(0o755)
    path = os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "RBVGRAPH_HOME": str(root),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(proj.root / "src"), os.environ.get("PYTHONPATH")]))}
    return root, env


def _bash(block: str, cwd: Path, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, start_new_session=True)
    assert done.returncode == 0, f"{block}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr
    return done


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
def test_install_block_installs_and_builds_from_any_folder(copy, tmp_path):
    """'pip install . && rbvgraph build' in a fresh virtual environment (it sees this machine's packages, so
    nothing is downloaded), without this checkout on the path: the installed package carries its data."""
    root, _ = copy
    (block,) = [b for b in BLOCKS if _kind(b) == "install"]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RBVGRAPH_HOME", "VIRTUAL_ENV")}
    env.update({"PATH": os.pathsep.join([str(venv / "bin"), env.get("PATH", "")]), "PIP_NO_INDEX": "1",
                "PIP_NO_BUILD_ISOLATION": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    project = tmp_path / "project"
    _copy_project(root, project)
    done = _bash(block, project, env)
    # every file the build's own record lists (graph, description, ontology pages, CSVs, networks, entity pages),
    # and the record itself
    written = json.loads((project / "build" / ".rbvgraph-build.json").read_text(encoding="utf-8"))["files"]
    assert done.stdout.strip().splitlines()[-1] == f"wrote {len(written) + 1} files to build/"
    assert {"index.html", "queries/afkortingen.csv", "void.ttl", "context.jsonld", "ontologie/index.html",
            "id/organisatie/riec-noord-nederland.html"} <= set(written)
    assert all((project / "build" / name).is_file() for name in written)


def test_the_test_suite_block_is_what_ci_runs(proj):
    """Not run here: it is this test suite (and installs system packages); CI runs it (.ci/run), as checked above."""
    (block,) = [b for b in BLOCKS if _kind(b) == "test-suite"]
    assert block in (proj.root / ".ci" / "run").read_text(encoding="utf-8").splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("number", [i for i, b in enumerate(BLOCKS) if _kind(b) == "plain"])
def test_plain_block_runs(copy, number):
    root, env = copy
    _bash(BLOCKS[number], root, env)
    made = {"rbvgraph query afkortingen -f csv -o afkortingen.csv": root / "afkortingen.csv",
            "rbvgraph network -o netwerk.html": root / "netwerk.html",
            "rbvgraph network -f graphml -o netwerk.graphml": root / "netwerk.graphml"}
    for command, path in made.items():
        if command in BLOCKS[number]:
            assert path.stat().st_size > 1000, command
    if "afkortingen.csv" in BLOCKS[number]:
        assert (root / "afkortingen.csv").read_bytes().startswith("\ufeffafkorting,".encode())


@pytest.mark.slow
def test_serve_block_serves(copy):
    """Each 'rbvgraph serve' line, started for real on 127.0.0.1 (a port that is taken here is swapped for a free
    one), answers a SPARQL query and stops on SIGTERM without a traceback."""
    root, env = copy
    (root / "build").mkdir(exist_ok=True)
    (block,) = [b for b in BLOCKS if _kind(b) == "serve"]
    for line in block.splitlines():
        command = line.split("#", 1)[0].split()
        if "--port" not in command:
            command += ["--port", "8000"]
        at = command.index("--port") + 1
        if command[at] != "0" and _port_taken(int(command[at])):
            command[at] = str(_free_port())
        server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            announced = server.stderr.readline()
            found = re.search(r"serving the graph at (http://\S+/sparql)", announced)
            assert found, announced
            if command[at] != "0":
                assert f":{command[at]}/sparql" in found.group(1)
            with urllib.request.urlopen(found.group(1) + "?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", timeout=60) as answer:
                assert answer.status == 200 and b"true" in answer.read()
        finally:
            server.send_signal(signal.SIGTERM)
            _, rest = server.communicate(timeout=30)
        assert "Traceback" not in rest, rest


@pytest.mark.slow
def test_triple_store_block_pushes_and_queries(copy):
    """The Oxigraph block as written: 'oxigraph serve' on localhost:7878 (another free port when that one is
    taken here), a push, and a named query answered by the store."""
    root, env = copy
    (block,) = [b for b in BLOCKS if _kind(b) == "triple-store"]
    if _port_taken(7878):
        port = _free_port()
        block = block.replace("localhost:7878", f"localhost:{port}").replace(
            "oxigraph serve --location store", f"oxigraph serve --location store --bind localhost:{port}")
    store = root / "store"
    shutil.rmtree(store, ignore_errors=True)
    log = root.parent / "triple-store.log"
    with log.open("w") as out:  # a file, not a pipe: the store in the background would hold a pipe open
        process = subprocess.Popen(["bash", "-e", "-o", "pipefail", "-c", block], cwd=root, env=env, text=True,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = process.wait(timeout=600)
        finally:
            os.killpg(process.pid, signal.SIGTERM)  # the store the block left running in the background
    text = log.read_text()
    assert code == 0, text[-3000:]
    assert "Traceback" not in text
    assert re.search(r"pushed \d+ triples into <https://w3id.org/rbvgraph/graph/jaarverslag-2023>", text)
    assert "RIEC" in text
