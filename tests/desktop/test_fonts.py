"""Chinese renders on a machine with no Chinese font: the bundled font is loaded then (and only
then), every character of a Chinese string has a glyph, and the PDFs embed it. Each case runs Qt
in a subprocess under a fontconfig of its own, so the machine's fonts are hidden from it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from desktop.fonts import BUNDLED_FONT
from desktop.resources import resource_path
from tests.desktop.font_probe import PRINTED, TEXT
from tests.desktop.test_paperwork import pdf_text

ROOT = Path(__file__).resolve().parents[2]
FAMILY = "Noto Sans CJK SC"


def probe(tmp_path: Path, font_dirs: list[Path]) -> dict[str, Any]:
    """Run tests/desktop/font_probe.py with only ``font_dirs`` visible to fontconfig."""
    cache = tmp_path / "fc-cache"
    cache.mkdir()
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                    f"<fontconfig>{dirs}<cachedir>{cache}</cachedir></fontconfig>",
                    encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen",
               QT_QPA_FONTDIR=str(tmp_path / "no-fonts"))
    done = subprocess.run([sys.executable, "-m", "tests.desktop.font_probe",
                           str(tmp_path / "probe.pdf")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_bundled_font_is_a_few_megabytes_with_its_licence() -> None:
    font = resource_path(BUNDLED_FONT)
    assert 1_000_000 < font.stat().st_size < 6_000_000
    licence = (font.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Sans CJK SC" in licence


def test_with_no_font_on_the_machine_the_bundled_one_draws_the_chinese(tmp_path: Path) -> None:
    empty = tmp_path / "fonts"
    empty.mkdir()
    result = probe(tmp_path, [empty])
    assert result["system_had_font"] is False
    assert result["loaded"] == [FAMILY]
    assert result["again"] == [FAMILY]  # decided once
    assert FAMILY in result["chinese_families"]
    assert result["missing"] == []
    assert result["runs"] and all(family == FAMILY and 0 not in glyphs
                                  for family, glyphs in result["runs"])
    # The PDF is written in it, and its text reads back whole (copy, search, pdftotext): the
    # digits among Latin letters too, which the font once drew with glyphs the PDF had no
    # text for.
    assert any(name.endswith("NotoSansCJKsc-Regular") for name in result["pdf_fonts"]), \
        result["pdf_fonts"]
    text = _squeezed(pdf_text(tmp_path / "probe.pdf"))
    for printed in (TEXT, PRINTED):
        assert _squeezed(unicodedata.normalize("NFKC", printed)) in text, text


def _squeezed(text: str) -> str:
    """``text`` without its spaces (pdftotext spaces words as it measures them)."""
    return "".join(text.split())


def test_a_chinese_font_on_the_machine_is_preferred(tmp_path: Path) -> None:
    installed = tmp_path / "fonts"
    installed.mkdir()
    # Stands for any installed Chinese font: this copy is the system's, not the app's.
    shutil.copy(resource_path(BUNDLED_FONT), installed / "system-chinese.otf")
    result = probe(tmp_path, [installed])
    assert result["system_had_font"] is True
    assert result["loaded"] == [] and result["again"] == []
    assert result["missing"] == []
