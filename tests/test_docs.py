"""The docs keep up with the code: every command has help with an example and is in the README, and CI runs
exactly the test command the README gives."""

from __future__ import annotations

import re

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
