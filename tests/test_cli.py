"""Every command is documented, and --help works for each (STYLE 12)."""
from __future__ import annotations

import click
from click.testing import CliRunner

from riwaya.cli import main


def _walk(cmd: click.Command, path=()):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from _walk(sub, path + (name,))


def test_every_command_has_help():
    runner = CliRunner()
    for path, cmd in _walk(main):
        assert (cmd.help or "").strip(), f"riwaya {' '.join(path)} has no help text"
        res = runner.invoke(main, [*path, "--help"])
        assert res.exit_code == 0, res.output
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.hidden and p.name not in ("help", "version"):
                assert p.help, f"riwaya {' '.join(path)} option {p.opts} has no help"


def test_required_commands_exist():
    for name in ["ingest", "run", "stories", "show", "search", "export", "eval", "bench"]:
        assert name in main.commands
