"""Sign-in without a system keyring: the tokens go to a private file, with one warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sync_engine.client.session import CREDENTIALS
from tests.client.conftest import Env

ROOT = Path(__file__).resolve().parents[2]


def _cli(env: Env, data_dir: Path, backend: str, *args: str,
         keyring: str | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "DINGHUO_KEYRING"}
    environ |= {"PYTHON_KEYRING_BACKEND": backend, "DINGHUO_PASSWORD": "demo",
                "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "sync_engine.client.cli", "--data-dir", str(data_dir),
           "--server", env.url, *(["--keyring", keyring] if keyring else []), *args]
    return subprocess.run(cmd, env=environ, capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.mark.parametrize("backend", ["keyring.backends.null.Keyring",
                                     "keyring.backends.fail.Keyring"])
def test_cli_login_and_sync_without_a_keyring(env: Env, tmp_path: Path, backend: str) -> None:
    data_dir = tmp_path / "lap"
    login = _cli(env, data_dir, backend, "login", "--user", "rep1")
    assert login.returncode == 0, login.stderr
    assert "Traceback" not in login.stderr
    warnings = [line for line in login.stderr.splitlines() if "credentials are kept in" in line]
    assert len(warnings) == 1 and str(data_dir / CREDENTIALS) in warnings[0]
    assert (data_dir / CREDENTIALS).stat().st_mode & 0o777 == 0o600
    sync = _cli(env, data_dir, backend, "sync")  # no password needed: the session was kept
    assert sync.returncode == 0, sync.stderr
    assert "Traceback" not in sync.stderr
    assert sum("credentials are kept in" in line for line in sync.stderr.splitlines()) == 1
    status = _cli(env, data_dir, backend, "status", "--json")
    assert status.returncode == 0 and '"pending": 0' in status.stdout.replace('"pending":0',
                                                                               '"pending": 0')


def test_keyring_system_without_a_keyring_is_one_clear_line(env: Env, tmp_path: Path) -> None:
    done = _cli(env, tmp_path / "lap", "keyring.backends.fail.Keyring", "login", "--user",
                "rep1", keyring="system")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and "--keyring file" in done.stderr
    assert not (tmp_path / "lap" / CREDENTIALS).exists()
