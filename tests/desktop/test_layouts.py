"""Layouts that adapt (issue 17), on the screens people have: 1366×768, 1920×1080, and
1366×768 at 150 % (``QT_SCALE_FACTOR=1.5``: a screen of 911×512 logical pixels). Each size is
a process of its own (:mod:`tests.desktop.layout_probe`) showing every page of the user's
workspace: the window fits the screen, no button is cut, no page scrolls sideways, and at
100 % no page scrolls at all and the lists show every column without a sideways scroll bar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.desktop.conftest import Switchable
from tests.desktop.roles_helpers import sign_in_app

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1366, 768, "1"), (1920, 1080, "1"), (1366, 768, "1.5")]
# Tables inside a detail pane may scroll sideways on a small screen; the lists may not.
LISTS = {"ordersTable", "shipQueue", "orderLines", "reorderLines", "conflictsTable",
         "suggestions", "favourites", "catalogTable"}


def _probe(data_dir: Path, width: int, height: int, scale: str, tmp: Path) -> dict[str, Any]:
    config = tmp / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "S", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96,
        "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=scale, DINGHUO_KEYRING="memory")
    done = subprocess.run([sys.executable, "-m", "tests.desktop.layout_probe", str(data_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.slow  # three app processes each: 6-7 s of CPU a user
@pytest.mark.parametrize("user", ["rep1", "clerk1", "owner1"])
def test_every_page_fits_the_screen_at_three_sizes(
        user: str, qtbot: Any, app_factory: Any, server_url: str, network: Switchable,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The probes are processes of their own: the replica's key must be where they find it (the
    # credentials file; in memory it would die with this process's keyring).
    monkeypatch.setenv("DINGHUO_KEYRING", "memory")
    app = sign_in_app(qtbot, app_factory, server_url, network, user)
    assert app.window is not None
    app.window.close()
    app.shutdown()  # the probes open the replica themselves
    for width, height, scale in SIZES:
        result = _probe(tmp_path / "client", width, height, scale, tmp_path)
        where = f"{user} at {width}×{height} ×{scale}"
        screen_w, screen_h = result["screen"]
        assert result["window"][0] <= screen_w and result["window"][1] <= screen_h, where
        for name, page in result["pages"].items():
            assert page["fits"], (where, name)
            assert page["cut"] == [], (where, name)
            sideways, down = page["page_scrolls"]
            assert not sideways, (where, name)
            if scale == "1":
                assert not down, (where, name)
                assert not set(page["tables_scrolling_sideways"]) & LISTS, (where, name, page)
