"""The README's command-line examples are real output: each ``console`` block of its "The command
line" section is run, command by command, against a fresh ``dinghuo-server demo`` served on
loopback, and what the CLI prints must be what the README shows — the same words, numbers and
column layout — except for what differs from run to run (ids, local order numbers, dates, times,
durations, the server's address).

``$ cat FILE`` in a block shows a file the next commands read: the test writes the shown text
to FILE. The one thing the README says happens off screen — "the ERP changed a price
meanwhile", between ``orders create`` and the next ``sync`` — the test does where the README
says, through the server's change log like any price change.

When the CLI's output changes on purpose, the failure message holds the whole new transcript of
the block, ready to paste into the README.
"""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from sync_engine.client.cli import main as cli_main
from sync_engine.server.ops.cli import main as server_main
from sync_engine.server.storage.models import Product
from tests.client.server_state import server_session, set_base_price
from tests.support.live import live_server

README = Path(__file__).resolve().parents[2] / "README.md"
README_SERVER = "http://127.0.0.1:8000"  # the demo server's address as the README shows it

# What differs from one run to the next, replaced by a fixed mark on both sides.
VOLATILE = [
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<id>"),
    (re.compile(r"\bL[0-9A-F]{4}-\d{5}\b"), "L<dev>-<n>"),  # local order numbers: per device
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "<date>"),
    (re.compile(r"\b\d{2}:\d{2}\b"), "<time>"),
    (re.compile(r"\b\d+\.\d+ s\b"), "<seconds> s"),
]


@dataclass
class Step:
    command: str
    shown: list[str] = field(default_factory=list)


def console_blocks(readme: str) -> list[list[Step]]:
    """The ``console`` blocks of the README's command-line section, as commands and their
    shown output."""
    section = readme.split("\n## The command line\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", section, flags=re.S)
    parsed = []
    for block in blocks:
        steps: list[Step] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append(Step(line[2:]))
            else:
                assert steps, f"output before any command in a README block: {line!r}"
                steps[-1].shown.append(line)
        parsed.append(steps)
    return parsed


def normalized(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for pattern, mark in VOLATILE:
            line = pattern.sub(mark, line)
        out.append(line.rstrip())
    return out


def test_the_readme_has_cli_examples() -> None:
    """The parser below finds the README's examples (a renamed section would skip them all)."""
    blocks = console_blocks(README.read_text(encoding="utf-8"))
    commands = [s.command for block in blocks for s in block]
    assert len(blocks) >= 4
    assert sum(c.startswith("dinghuo-cli ") for c in commands) >= 15
    assert all(c.startswith(("dinghuo-cli ", "cat ")) for c in commands), commands


def test_normalizing_keeps_what_matters() -> None:
    """Ids, dates and times may differ; a total, a quantity or a word may not."""
    shown = ["DH00000027   金桥副食品商店   shipped      ¥1,594.98   2026-11-24   sent"]
    same = ["DH00000027   金桥副食品商店   shipped      ¥1,594.98   2026-12-01   sent"]
    other_total = ["DH00000027   金桥副食品商店   shipped      ¥1,595.45   2026-11-24   sent"]
    other_order = ["DH00000028   金桥副食品商店   shipped      ¥1,594.98   2026-11-24   sent"]
    assert normalized(shown) == normalized(same)
    assert normalized(shown) != normalized(other_total)
    assert normalized(shown) != normalized(other_order)
    assert (normalized(["L87BC-00001 at 23:52, 0.59 s"])
            == normalized(["LCE7B-00001 at 00:50, 1.20 s"]))


@pytest.mark.live
@pytest.mark.slow
def test_readme_cli_examples_are_real_output(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db_url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert server_main(["demo", "--db", db_url]) == 0  # as the README's server section does
    capsys.readouterr()

    def erp_changes_a_price() -> None:
        with server_session(db_url) as s:
            product_id = s.scalars(select(Product.id).where(Product.sku == "BEV-000311")).one()
        set_base_price(db_url, product_id, "13.50")

    after: dict[str, Callable[[], None]] = {"dinghuo-cli orders create order.json":
                                            erp_changes_a_price}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")  # "in a terminal 100 columns wide"
    monkeypatch.setenv("DINGHUO_PASSWORD", "demo")
    data = ["--data-dir", str(tmp_path / "cli")]
    blocks = console_blocks(README.read_text(encoding="utf-8"))
    failures: list[str] = []
    with live_server(db_url) as url:
        for number, block in enumerate(blocks, 1):
            transcript: list[str] = []
            for step in block:
                transcript.append(f"$ {step.command}")
                if step.command.startswith("cat "):
                    Path(step.command[4:]).write_text("\n".join(step.shown) + "\n",
                                                      encoding="utf-8")
                    transcript += step.shown
                    continue
                args = shlex.split(step.command.replace(README_SERVER, url))[1:]
                code = cli_main(data + args)
                out, err = capsys.readouterr()
                printed = (out + err).replace(url, README_SERVER).splitlines()
                transcript += printed
                if any(": error: " in line for line in printed):
                    assert code in (1, 2), (step.command, code, printed)
                elif any("your decision" in line for line in printed):
                    assert code == 3, (step.command, code, printed)  # sync left conflicts
                else:
                    assert code == 0, (step.command, code, printed)
                if step.command in after:
                    after[step.command]()
            shown = normalized([line for s in block for line in [f"$ {s.command}", *s.shown]])
            real = normalized(transcript)
            if shown != real:
                diff = "\n".join(difflib.unified_diff(shown, real, "README", "real", lineterm=""))
                failures.append(f"README console block {number} differs from the real output:\n"
                                f"{diff}\n\nThe real transcript:\n" + "\n".join(transcript))
    if failures:
        pytest.fail("\n\n".join(failures))
