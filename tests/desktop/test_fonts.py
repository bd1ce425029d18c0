"""The app's own typefaces: loaded on every machine; on a machine with no Chinese font they draw
the screens' Chinese, where one is installed the screens draw Chinese in its Simplified Chinese
face (not the Japanese one fontconfig ranks first outside a Chinese locale) and keep the
desktop's Latin face; paper is set in the app's faces either way, and its PDF reads back exactly
what was printed. Each case runs Qt in a subprocess under a fontconfig of its own, so the
machine's fonts are hidden from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop.fonts import (
    BUNDLED_FONTS,
    CHINESE_FAMILY,
    LATIN_FAMILY,
    SCREEN_CHINESE_FAMILIES,
    screen_families,
)
from desktop.resources import resource_path
from tests.desktop.font_probe import PRINTED, TEXT
from tests.desktop.test_paperwork import pdf_text

ROOT = Path(__file__).resolve().parents[2]


def installed_font_folder(family: str, file_name: str) -> Path:
    """The folder of the machine's ``family``, as fontconfig finds it (its file's name holds
    ``file_name``)."""
    found = subprocess.run(["fc-match", "-f", "%{file}", family],
                           capture_output=True, text=True, check=True).stdout
    assert file_name in found, f"{family} is not installed (fc-match: {found})"
    return Path(found).parent


def installed_noto_cjk() -> Path:
    """The folder of the machine's Noto Sans CJK (fonts-noto-cjk), as fontconfig finds it."""
    return installed_font_folder("Noto Sans CJK SC", "NotoSansCJK")


def fontconfig_env(tmp_path: Path, font_dirs: list[Path]) -> dict[str, str]:
    """An environment in which fontconfig (and so Qt) sees only ``font_dirs``."""
    cache = tmp_path / "fc-cache"
    cache.mkdir(exist_ok=True)
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                    f"<fontconfig>{dirs}<cachedir>{cache}</cachedir></fontconfig>",
                    encoding="utf-8")
    return dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen",
                QT_QPA_FONTDIR=str(tmp_path / "no-fonts"))


def probe(tmp_path: Path, font_dirs: list[Path]) -> dict[str, Any]:
    """Run tests/desktop/font_probe.py with only ``font_dirs`` visible to fontconfig."""
    done = subprocess.run([sys.executable, "-m", "tests.desktop.font_probe",
                           str(tmp_path / "probe.pdf")], cwd=ROOT,
                          env=fontconfig_env(tmp_path, font_dirs),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_bundled_fonts_are_a_few_megabytes_with_their_licences() -> None:
    sizes = {name: resource_path(name).stat().st_size for name in BUNDLED_FONTS}
    assert all(100_000 < size < 2_500_000 for size in sizes.values()), sizes
    assert sum(sizes.values()) < 4_500_000, sizes
    folder = resource_path(BUNDLED_FONTS[0]).parent
    ofl = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl and "Noto Sans CJK SC" in ofl
    dejavu = (folder / "DejaVu-LICENSE.txt").read_text(encoding="utf-8")
    assert "Bitstream" in dejavu and "DejaVu changes are in public domain" in dejavu


def _paper_reads_back(result: dict[str, Any], pdf: Path) -> None:
    """The PDF is set in the app's faces alone, Regular and Bold, and reads back exactly."""
    assert {name.lstrip("/").split("+")[-1] for name in result["pdf_fonts"]} == {
        f"{family.replace(' ', '')}-{style}" for family in (LATIN_FAMILY, CHINESE_FAMILY)
        for style in ("Regular", "Bold")}, result["pdf_fonts"]
    text = _squeezed(pdf_text(pdf))
    for printed in (TEXT, PRINTED):
        assert _squeezed(printed) in text, text


def test_with_no_font_on_the_machine_the_apps_own_draw_the_chinese(tmp_path: Path) -> None:
    empty = tmp_path / "fonts"
    empty.mkdir()
    result = probe(tmp_path, [empty])
    assert result["loaded"] == [LATIN_FAMILY, CHINESE_FAMILY]
    assert result["again"] == result["loaded"]  # loaded once
    assert result["missing"] == []
    chinese = [family for family, _glyphs in result["runs"]]
    assert CHINESE_FAMILY in chinese, result["runs"]
    assert result["han"] == [CHINESE_FAMILY]
    assert all(0 not in glyphs for _family, glyphs in result["runs"])
    _paper_reads_back(result, tmp_path / "probe.pdf")


def _squeezed(text: str) -> str:
    """``text`` without its spaces (pdftotext spaces words as it measures them)."""
    return "".join(text.split())


def test_an_installed_chinese_font_draws_the_screens_in_its_sc_face_and_paper_stays_the_apps(
        tmp_path: Path) -> None:
    # Noto Sans CJK and nothing else (no DejaVu Sans, no Arial): the screens draw Chinese in
    # it, in its Simplified Chinese face (left to fontconfig outside a Chinese locale, its
    # Japanese one, whose 直 骨 角 写 画 关 differ); paper is set in the app's, whose text reads
    # back (Noto Sans CJK's gave 户 the text ⼾, 黄 ⻩, and digits among Latin letters none).
    result = probe(tmp_path, [installed_noto_cjk()])
    assert result["loaded"] == [LATIN_FAMILY, CHINESE_FAMILY]
    assert result["missing"] == []
    assert result["bold"]  # the label's font is the style sheet's, which keeps the families
    assert result["han"] == ["Noto Sans CJK SC"], result["runs"]
    assert all(0 not in glyphs for _family, glyphs in result["runs"])
    _paper_reads_back(result, tmp_path / "probe.pdf")


def test_with_a_latin_font_installed_too_the_screens_latin_face_is_unchanged(
        tmp_path: Path) -> None:
    dejavu = installed_font_folder("DejaVu Sans", "DejaVuSans")
    result = probe(tmp_path, [installed_noto_cjk(), dejavu])
    assert result["latin"] == [result["ui_family"]], result  # the face Qt chose before
    assert result["screen"][0] == result["ui_family"]
    assert result["han"] == ["Noto Sans CJK SC"], result["runs"]


def test_the_screens_chinese_face_is_the_first_sc_one_installed_then_the_apps() -> None:
    # The UI face first (it draws the Latin), the SC faces in the order preferred whatever
    # order they were found in or how they are spelt, the app's own last; each once.
    assert screen_families("DejaVu Sans", set()) == ["DejaVu Sans", CHINESE_FAMILY]
    installed = {"WenQuanYi Zen Hei", "noto sans cjk sc", "Noto Sans CJK JP", "DejaVu Sans"}
    assert screen_families("DejaVu Sans", installed) == [
        "DejaVu Sans", "Noto Sans CJK SC", "WenQuanYi Zen Hei", CHINESE_FAMILY]
    assert screen_families("Microsoft YaHei UI", {"Microsoft YaHei UI", "Segoe UI"}) == [
        "Microsoft YaHei UI", CHINESE_FAMILY]
    assert "Noto Sans CJK JP" not in SCREEN_CHINESE_FAMILIES
