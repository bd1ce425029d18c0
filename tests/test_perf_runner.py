"""The benchmarks' runner (``tests/perf/run_all.py``): every benchmark it runs hands it its
figures, and the document it writes has the shape its docstring and the README promise. The
benchmarks themselves are not run here (minutes each): stand-in scripts are."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.perf import figures, run_all

PERF = Path(run_all.__file__).resolve().parent


def test_every_benchmark_hands_the_runner_its_figures() -> None:
    for name, bench in run_all.BENCHMARKS.items():
        source = (PERF / bench.script).read_text(encoding="utf-8")
        assert "emit(" in source, f"{bench.script} ({name}) prints no FIGURES line"
        assert bench.size_option in source, f"{bench.script} has no {bench.size_option}"


def test_the_stream_benchmarks_are_run_by_fleet_size() -> None:
    streams = {n: b for n, b in run_all.BENCHMARKS.items() if b.script == "bench_stream.py"}
    assert {b.size for b in streams.values()} == {"devices"}
    assert {" ".join(b.extra) for b in streams.values()} == {
        "", "--db postgres", "--db postgres --instances 2"}


def test_figures_are_the_last_figures_line() -> None:
    out = 'table\nFIGURES {"a": 1}\nmore\nFIGURES {"a": 2, "b": "x"}\ndone\n'
    assert figures.parse(out) == {"a": 2, "b": "x"}
    assert figures.parse("no figures\n") is None


def _script(folder: Path, name: str, body: str) -> str:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return str(path)  # absolute: run_all joins it to its own folder


def test_the_document_holds_every_run_with_its_size_figures_and_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    echo = _script(tmp_path, "echo.py", (
        "import sys\nfrom pathlib import Path\n"
        f"sys.path.insert(0, {str(PERF)!r})\n"
        "from figures import emit\n"
        "size = int(sys.argv[sys.argv.index('--size') + 1]) if '--size' in sys.argv else 0\n"
        "print('a table for people')\n"
        "emit({'size': size, 'argv': sys.argv[1:]})\n"))
    broken = _script(tmp_path, "broken.py", "print('half a table')\nraise SystemExit(3)\n")
    monkeypatch.setattr(run_all, "BENCHMARKS", {
        "catalog": run_all.Benchmark(echo, "--size", "products", ["--x"], {}),
        "fleet": run_all.Benchmark(echo, "--size", "devices", [], {}),
        "broken": run_all.Benchmark(broken, "--size", "products", [], {}),
    })
    out = tmp_path / "figures.json"
    monkeypatch.setattr(sys, "argv", ["run_all.py", "--only", "catalog,fleet", "--products",
                                      "5", "7", "--devices", "3", "--runs", "2",
                                      "--out", str(out)])
    assert run_all.main() == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    for key in ("commit", "branch", "dirty", "python", "sqlite", "cpus", "host", "started",
                "ended", "load_before", "load_after"):
        assert key in document, key
    assert len(document["load_before"]) == 3
    runs = document["runs"]
    assert [(r["benchmark"], r.get("products"), r.get("devices")) for r in runs] == [
        ("catalog", 5, None), ("catalog", 5, None), ("catalog", 7, None),
        ("catalog", 7, None), ("fleet", None, 3), ("fleet", None, 3)]
    assert runs[0]["figures"] == {"size": 5, "argv": ["--x", "--size", "5"]}
    assert runs[-1]["figures"] == {"size": 3, "argv": ["--size", "3"]}
    for r in runs:
        assert r["exit_code"] == 0
        assert r["output_tail"] == ["a table for people"]
        assert len(r["load_before"]) == len(r["load_after"]) == 3
        assert r["seconds"] >= 0 and r["started"] <= r["ended"]
        assert "error_tail" not in r

    # No sizes: each benchmark at its own defaults. A failing one is recorded, and said by
    # the exit code.
    monkeypatch.setattr(sys, "argv", ["run_all.py", "--only", "fleet,broken"])
    assert run_all.main() == 1
    document = json.loads(capsys.readouterr().out)
    fleet, failed = document["runs"]
    assert fleet["devices"] is None and fleet["figures"] == {"size": 0, "argv": []}
    assert failed["exit_code"] == 3 and failed["figures"] is None
    assert failed["output_tail"] == ["half a table"]
    assert "error_tail" in failed


def test_an_unknown_benchmark_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["run_all.py", "--only", "sync,nonesuch"])
    with pytest.raises(SystemExit) as refused:
        run_all.main()
    assert refused.value.code == 2
