"""Make ``resources/fonts/NotoSansSC-Dinghuo.otf``: Noto Sans CJK SC cut down to the characters
a Chinese ordering app shows, so the app can carry it (a few MB instead of 19) and render
Chinese on a machine that has no CJK font (see ``desktop/fonts.py``).

A one-off, kept so it can be redone (a newer Noto, more characters)::

    apt-get install -y fonts-noto-cjk          # the source font (SIL Open Font License 1.1)
    .venv/bin/pip install fonttools
    .venv/bin/python packaging/make_font_subset.py [--source PATH.ttc]

What it keeps: ASCII, Latin-1, Latin Extended-A and pinyin's tone-marked vowels, general
punctuation, arrows and a few shapes, CJK symbols and punctuation, full-width forms (￥), every
character of GB2312 (its 6,763 hanzi, levels 1 and 2, hold the 3,500 common ones, plus its
symbols, kana, Greek and Cyrillic), and every character the project's own text uses (the
translations, the demo data, the code's messages) — the script fails if the font lacks a
Chinese character among those. The font keeps its names; its licence travels beside it as
``OFL.txt``.

What it drops: the features that draw a glyph no character maps to (``DROPPED_FEATURES``).
Qt's PDF writer reads a glyph's text back from the font's character map, so such a glyph has
no text in the PDF — on a machine with no other font pdftotext, search and copy lost every
digit among Latin letters ("SKU-0042", "27 bottles": 'locl' swaps them for alternates), the
"fi" of "Confirmation" ('liga') and a Chinese dash "——" ('ccmp'). Without them each glyph is
the one its character maps to; the default glyphs are the Simplified Chinese ones anyway.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts" / "NotoSansSC-Dinghuo.otf"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FAMILY = "Noto Sans CJK SC"  # the face taken from the collection

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (¥ among them)
    (0x0100, 0x017F),  # Latin Extended-A (customer and place names)
    (0x01CD, 0x01DC),  # pinyin: ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
    (0x02C6, 0x02DD),  # modifier letters (pinyin tone marks, ˇ ˉ)
    (0x2010, 0x205E),  # general punctuation: dashes, quotes, …, ‰
    (0x20AC, 0x20AC),  # €
    (0x2100, 0x2122),  # letterlike: ℃ № ™
    (0x2160, 0x216B),  # Roman numerals
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x249B),  # circled and parenthesised numbers
    (0x25A0, 0x25FF),  # geometric shapes: ▲ ▼ ▶ ◀ ■ □ ○ ●
    (0x2600, 0x26FF),  # miscellaneous symbols (☐ ⚠ where the font has them)
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。「」【】
    (0x3200, 0x32FF),  # enclosed CJK (㈠ ㊣)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFF5E),  # full-width ASCII forms
    (0xFFE0, 0xFFE6),  # full-width signs: ￥ ￠ ￡
]

# Features whose glyphs no character maps to, so a PDF has no text for them (see above):
# 'locl' the digits among Latin letters (and the Japanese, Korean and traditional forms),
# 'liga' the Latin ligatures (fi, fl, ff, ffi, ffl), 'ccmp' a run of dashes (——) and a few
# letters with combining marks.
DROPPED_FEATURES = {"locl", "liga", "ccmp"}

# Where the project's own text lives: the characters found there must all be in the font.
PROJECT_TEXT = [
    ("resources/translations", "*.ts"),
    ("sync_engine", "*.py"),
    ("sync_engine", "*.csv"),
    ("sync_engine", "*.json"),
    ("desktop", "*.py"),
]


def gb2312() -> Iterator[str]:
    """Every character GB2312 encodes: rows 1–9 (symbols) and 16–87 (hanzi, levels 1 and 2)."""
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                yield bytes((high, low)).decode("gb2312")
            except UnicodeDecodeError:
                continue  # an unassigned cell


def project_characters() -> set[str]:
    chars: set[str] = set()
    for folder, pattern in PROJECT_TEXT:
        for path in (ROOT / folder).rglob(pattern):
            chars |= set(path.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() and ord(c) > 0x7F}


def wanted() -> tuple[set[int], set[int]]:
    """All code points to keep, and those of them the project's own text uses."""
    points = {p for low, high in RANGES for p in range(low, high + 1)}
    points |= {ord(c) for c in gb2312()}
    own = {ord(c) for c in project_characters()}
    return points | own, own


def load_face(source: Path, family: str) -> TTFont:
    for font in TTCollection(str(source)).fonts:
        if font["name"].getDebugName(1) == family:
            return font
    raise SystemExit(f"{source}: no face named {family!r}")


def layout_features(font: TTFont) -> set[str]:
    """The tags of the font's substitution and positioning features."""
    return {record.FeatureTag for table in ("GSUB", "GPOS") if table in font
            for record in font[table].table.FeatureList.FeatureRecord}


def describe(points: Iterable[int]) -> str:
    return ", ".join(f"{chr(p)} U+{p:04X} {unicodedata.name(chr(p), '?')}" for p in points)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="the Noto Sans CJK collection (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="default: %(default)s")
    args = parser.parse_args(argv)
    font = load_face(args.source, FAMILY)
    cmap = font.getBestCmap()
    points, own = wanted()
    missing_own = sorted(p for p in own if p not in cmap)
    # Symbols and rare Latin letters the font does not draw (☐, ħ in a comment) come from the
    # system's other fonts; say so, but a Chinese character missing would be a real gap.
    gaps = [p for p in missing_own if unicodedata.name(chr(p), "").startswith("CJK")]
    if missing_own:
        print(f"not in {FAMILY}: {describe(missing_own)}", file=sys.stderr)
    if gaps:
        print("the font lacks Chinese characters the project uses; refusing to make a partial font",
              file=sys.stderr)
        return 1
    keep = sorted(p for p in points if p in cmap)
    options = subset.Options()
    # Vertical forms, proportional punctuation, kerning: all but the dropped (see above).
    options.layout_features = sorted(layout_features(font) - DROPPED_FEATURES)
    options.name_IDs = ["*"]  # the copyright, licence and licence URL stay in the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CJK outlines carry no useful hints; saves space
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    font.recalcTimestamp = False  # the source's date: the same source gives the same file
    font.save(str(args.out))
    size = args.out.stat().st_size
    print(f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: "
          f"{len(keep)} characters, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
