"""What the standalone build relies on: ``dinghuo --version`` and the About box, ``--self-test``
(passing, and failing in one line), and the demo server ending with the app however the app
ends (issue 19: SIGTERM left it serving as an orphan)."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from desktop.app import parse_args
from desktop.application import DinghuoApp
from desktop.demo.self_test import SelfTest
from desktop.demo.server import DemoServer, DemoServerError
from desktop.i18n import install_language
from desktop.settings import Settings
from sync_engine.version import installed_version

ROOT = Path(__file__).resolve().parents[2]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"dinghuo {installed_version()}\n"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_about_box_says_the_version(app_factory: Any, server_url: str, network: Any,
                                        lang: str) -> None:
    app: DinghuoApp = app_factory(server_url, network, lang=lang)
    app.open_main(app.engine.login("rep1", "demo"), start_sync=False)
    assert app.window is not None
    text = app.window.about_text()
    assert text.startswith(f"Dinghuo 订货 {installed_version()}\n")
    assert ("离线" if lang == "zh_CN" else "offline-first") in text


# --- --self-test, in this process over a test server --------------------------------------


class ServedDemo(DemoServer):
    """The demo, served by the test over a copy of the test's demo database (the app's own
    would load the demo data in a subprocess first)."""

    def __init__(self, directory: Path, url: str) -> None:
        super().__init__(directory)
        self.url = url

    def start(self, timeout: float = 30.0) -> str:
        return self.url

    def stop(self) -> None:
        """The test stops serving."""


class BrokenDemo(ServedDemo):
    def start(self, timeout: float = 30.0) -> str:
        raise DemoServerError("port 8000 is taken")


def self_test(demo: ServedDemo, tmp_path: Path, qtbot: Any) -> tuple[int, SelfTest]:
    args = parse_args(["--self-test", "--demo", "--demo-dir", str(demo.directory)])
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    app = DinghuoApp(args, settings, demo=demo)
    test = SelfTest(app, demo, tmp_path / "scratch")
    try:
        with qtbot.waitSignal(test.finished, timeout=120000) as finished:
            test.begin()
        assert finished.args is not None
        return int(finished.args[0]), test
    finally:
        if app.window is not None:
            app.window.close()
        app.shutdown()
        install_language("en")


@pytest.mark.live  # the app's engines connect to the demo by its URL
def test_self_test_passes_in_one_line(live_server_url: str, tmp_path: Path, qtbot: Any,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, test = self_test(ServedDemo(tmp_path / "demo", live_server_url), tmp_path, qtbot)
    out, err = capsys.readouterr()
    assert code == 0, err
    [line] = out.splitlines()
    assert line.startswith(f"dinghuo {installed_version()}: self-test passed in ")
    assert "signed in as rep1, synced 300 products" in line
    assert "KB PDF (en) that reads back whole" in line and "Chinese in " in line
    assert "KB PDF (zh_CN) that reads back whole" in line
    # Every page of the rep's workspace, and the window once more in Chinese.
    assert {"the customers page", "the catalog page", "the orders page",
            "the conflicts page"} <= set(test.rendered[:-1])
    assert test.rendered[-1] == "the window in Chinese"
    assert f"{len(test.rendered)} screens rendered" in line
    for lang in ("en", "zh_CN"):
        assert (tmp_path / "scratch" / f"confirmation.{lang}.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.live
def test_self_test_fails_when_its_pdf_does_not_read_back(
        live_server_url: str, tmp_path: Path, qtbot: Any, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The confirmation set in an installed Noto Sans CJK, as the app printed before it had
    faces of its own: its glyph for 户 has the text ⼾, and its digits among Latin letters none;
    the self-test says so and fails."""
    from desktop import confirmation
    from desktop.demo import self_test as module
    from desktop.printing import PAPER_FONTS, html_document

    def in_noto(*args: Any) -> Any:
        css = confirmation.confirmation_html(*args)
        return html_document(css.replace(PAPER_FONTS, "'Noto Sans CJK SC'"))

    monkeypatch.setattr(module, "confirmation_document", in_noto)
    code, _test = self_test(ServedDemo(tmp_path / "demo", live_server_url), tmp_path, qtbot)
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("dinghuo: self-test failed: the order confirmation PDF (en) does not "
                          "read back what it printed: "), err
    assert "户 ×" in err and "DH" in err  # 客户, and the order number's digits


def test_self_test_says_why_it_failed_in_one_line(tmp_path: Path, qtbot: Any,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _test = self_test(BrokenDemo(tmp_path / "demo", "http://127.0.0.1:9"), tmp_path,
                            qtbot)
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err == "dinghuo: self-test failed: the demo server did not start: port 8000 is " \
        "taken\n"


# --- the demo server ends with the app -----------------------------------------------------


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    """A demo directory with the demo data already loaded (as an earlier run leaves it)."""
    directory = tmp_path / "demo"
    directory.mkdir()
    shutil.copyfile(demo_template, directory / "server.sqlite3")
    (directory / "loaded-300").write_text("loaded\n", encoding="utf-8")
    return directory


@pytest.fixture
def running_app(demo_dir: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """``dinghuo --demo`` in a process of its own; yields it and its demo server's pid once
    the server answers."""
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DINGHUO_KEYRING="memory",
               PYTHONPATH=str(ROOT), HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_STATE_HOME=str(home / "state"),
               XDG_DATA_HOME=str(home / "data"))
    app = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--demo", "--demo-dir", str(demo_dir),
         "--demo-products", "300", "--verbose"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    assert app.stderr is not None
    reader = threading.Thread(target=lambda: [lines.put(line) for line in app.stderr or ()],
                              daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 90
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            found = re.search(r"demo server at \S+ \(pid (\d+)\)", line)
            if found:
                break
        yield app, int(found.group(1))
    finally:
        if app.poll() is None:
            app.kill()
        app.wait(timeout=30)
        reader.join(timeout=10)
        app.stderr.close()


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie nobody has reaped yet has ended too)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


@pytest.mark.live
@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL],
                         ids=["SIGTERM", "SIGINT", "SIGKILL"])
def test_the_demo_server_ends_with_the_app(running_app: tuple[subprocess.Popen[str], int],
                                           how: signal.Signals) -> None:
    app, server_pid = running_app
    assert not _gone(server_pid)
    app.send_signal(how)
    # SIGTERM and SIGINT close the app as Quit does; SIGKILL leaves it no say at all.
    assert app.wait(timeout=60) == (-signal.SIGKILL if how is signal.SIGKILL else 0)
    deadline = time.monotonic() + 30
    while not _gone(server_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(server_pid)


def test_the_linux_desktop_entry_starts_the_app_with_its_icon() -> None:
    import configparser

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(ROOT / "packaging" / "dinghuo.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    assert desktop["Exec"] == desktop["TryExec"] == "dinghuo"  # the spec's app executable
    assert 'name="dinghuo"' in (ROOT / "packaging" / "dinghuo.spec").read_text(encoding="utf-8")
    assert desktop["Icon"] == "dinghuo"  # build.sh puts dinghuo.svg (app.svg) beside it
    assert desktop["Name[zh_CN]"] == "订货" and desktop["Categories"].endswith(";")
