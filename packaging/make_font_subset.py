"""Make the app's own typefaces, ``resources/fonts/``: the faces every printed document is set in,
and that draw Chinese on a screen where no installed font does (see ``desktop/fonts.py``).

=================================  =====================  =====================================
file                               family, style          made from
=================================  =====================  =====================================
``DejaVuSans-Dinghuo.ttf``         DejaVu Sans Dinghuo    DejaVu Sans (Bitstream Vera licence,
``DejaVuSans-Dinghuo-Bold.ttf``    Regular, Bold          ``DejaVu-LICENSE.txt``): Latin, digits
``NotoSansSC-Dinghuo.otf``         Noto Sans SC Dinghuo   Noto Sans CJK SC (SIL Open Font
``NotoSansSC-Dinghuo-Bold.otf``    Regular, Bold          License 1.1, ``OFL.txt``): Chinese
=================================  =====================  =====================================

A one-off, kept so it can be redone (a newer Noto, more characters)::

    apt-get install -y fonts-noto-cjk fonts-dejavu-core   # the sources
    .venv/bin/pip install fonttools
    .venv/bin/python packaging/make_font_subset.py

Each face is cut down to the same characters (what it has of them): ASCII, Latin-1, Latin
Extended-A and pinyin's tone-marked vowels, general punctuation, arrows and a few shapes, CJK
symbols and punctuation, full-width forms (￥), every character of GB2312 (its 6,763 hanzi,
levels 1 and 2, hold the 3,500 common ones, plus its symbols, kana, Greek and Cyrillic), every
character the project's own text uses (the translations, the demo data, the code's messages) —
the script fails if the Chinese face lacks a Chinese character among those — and every hanzi
whose glyph the source font shares with a radical (below). The faces are renamed (``… Dinghuo``):
a modified font must not take its source's name (both licences), and an installed DejaVu Sans or
Noto Sans CJK must not be confused with the app's cut of it.

Why the app prints with its own faces, not the system's: Qt's PDF writer gives each glyph the
text (ToUnicode) of the *lowest* code point the font's character map sends to it. Noto Sans CJK
maps 50 common hanzi and their radicals to one glyph — 户 and ⼾ (U+2F3E), 页 and ⻚, 黄 and ⻩,
长 门 车 马 鱼 鸟 食 风 飞 龙 见 贝 角 青 民 胶 (㬵, U+3B35) … — and the radical is the lower code
point, so a PDF set in it reads back 客⼾, ⻩瓜, ⻝品: search, copy and an ERP reading the PDF get
the wrong characters. These faces keep no radicals and no code point that shares a glyph with a
preferred one (``glyph_owners``), so each glyph has the text of the character that was printed.

One line height for both scripts: the Latin faces take the Chinese face's ascent and descent
(``match_line_metrics``). Qt sets a line as high as the tallest face on it, and Noto Sans CJK
reaches 1.160 em above the baseline and 0.288 em below it where DejaVu Sans reaches 0.928 and
0.236: a line with a hanzi on it had its baseline 0.23 em lower than a line of Latin letters
and digits only, so in a table row the cells with Chinese sat 2.2 pt (at 9.5 pt, 0.8 mm) below
their neighbours ("2026/11/1 | 发货 Shipment | DH00001234"), and lines of Latin only were spaced
closer than lines with Chinese. Now every line of a printed document has the same baseline
and height, whatever script is on it. The outlines are not touched.

What it drops: the features that draw a glyph no character maps to (``DROPPED_FEATURES``): such
a glyph has no text in the PDF. pdftotext, search and copy lost every digit among Latin letters
("SKU-0042", "27 bottles": Noto's 'locl' swaps them for alternates), the "fi" of "Confirmation"
('liga') and a Chinese dash "——" ('ccmp'). Without them each glyph is the one its character maps
to; Noto's default glyphs are the Simplified Chinese ones anyway.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# fontTools is imported where a font is read or cut (load_face, make), not here: the tests load
# this module for gb2312() (tests/desktop/test_pdf_text.py), and do not install fontTools.

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "fonts"
NOTO = Path("/usr/share/fonts/opentype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class Face:
    out: str  # file name under resources/fonts
    source: Path  # a font, or a collection
    source_family: str  # the face taken from a collection
    family: str  # the bundled face's family name
    style: str  # Regular or Bold
    chinese: bool  # must hold every Chinese character of the project's text

    @property
    def postscript_name(self) -> str:
        return f"{self.family.replace(' ', '')}-{self.style}"


FACES = [
    Face("DejaVuSans-Dinghuo.ttf", DEJAVU / "DejaVuSans.ttf", "DejaVu Sans",
         "DejaVu Sans Dinghuo", "Regular", chinese=False),
    Face("DejaVuSans-Dinghuo-Bold.ttf", DEJAVU / "DejaVuSans-Bold.ttf", "DejaVu Sans",
         "DejaVu Sans Dinghuo", "Bold", chinese=False),
    Face("NotoSansSC-Dinghuo.otf", NOTO / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC",
         "Noto Sans SC Dinghuo", "Regular", chinese=True),
    Face("NotoSansSC-Dinghuo-Bold.otf", NOTO / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC",
         "Noto Sans SC Dinghuo", "Bold", chinese=True),
]

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
# letters with combining marks; DejaVu's discretionary, historical and required ligatures.
DROPPED_FEATURES = {"locl", "liga", "ccmp", "dlig", "hlig", "rlig"}

# Where the project's own text lives: the characters found there must all be in the font.
PROJECT_TEXT = [
    ("resources/translations", "*.ts"),
    ("sync_engine", "*.py"),
    ("sync_engine", "*.csv"),
    ("sync_engine", "*.json"),
    ("desktop", "*.py"),
]

# Where the source draws several characters with one glyph, the one that keeps it (see
# glyph_owners): an en dash is written far more often than a figure dash.
PREFERRED = {0x2013}


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


def is_hanzi(point: int) -> bool:
    return 0x3400 <= point <= 0x4DBF or 0x4E00 <= point <= 0x9FFF


def shares_with_lower(cmap: dict[int, str]) -> set[int]:
    """The hanzi whose glyph a lower code point of ``cmap`` also maps to (a radical: ⼾ for 户,
    ⻩ for 黄): set in this font by Qt, they read back from a PDF as that lower character."""
    lowest: dict[str, int] = {}
    for point in sorted(cmap):
        lowest.setdefault(cmap[point], point)
    return {p for p, glyph in cmap.items() if is_hanzi(p) and lowest[glyph] != p}


def wanted(cmap: dict[int, str]) -> tuple[set[int], set[int]]:
    """All code points to keep, and those of them the project's own text uses."""
    points = {p for low, high in RANGES for p in range(low, high + 1)}
    points |= {ord(c) for c in gb2312()}
    # Held here so that no such hanzi falls back to an installed copy of the source (below).
    points |= shares_with_lower(cmap)
    own = {ord(c) for c in project_characters()}
    return points | own, own


def glyph_owners(points: Iterable[int], cmap: dict[int, str]) -> tuple[set[int], set[int]]:
    """Of ``points``, those to keep and those to drop so that every glyph reads back as the
    character it was printed for: Qt gives a glyph the text of the lowest code point mapped to
    it. Where several map to one glyph, the owner is the most common (ASCII or GB2312: the
    katakana middle dot ・ that GB2312 has, not the Latin one, which the Latin face draws on
    paper; then PREFERRED, then the lowest); a code point that reads the same as its owner (a
    no-break space as a space) is kept too, the rest are dropped."""
    common = set(range(0x20, 0x7F)) | {ord(c) for c in gb2312()}

    def rank(point: int) -> tuple[bool, bool, int]:
        return (point not in common, point not in PREFERRED, point)

    by_glyph: dict[str, list[int]] = defaultdict(list)
    for point in points:
        if point in cmap:
            by_glyph[cmap[point]].append(point)
    keep: set[int] = set()
    drop: set[int] = set()
    for group in by_glyph.values():
        owner = min(group, key=rank)
        for point in group:
            same = (unicodedata.normalize("NFKC", chr(point))
                    == unicodedata.normalize("NFKC", chr(owner)))
            (keep if point == owner or (same and point > owner) else drop).add(point)
    return keep, drop


def load_face(source: Path, family: str) -> TTFont:
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() not in (".ttc", ".otc"):
        return TTFont(str(source))
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


def rename(font: TTFont, face: Face) -> None:
    """Give the cut its own names; the copyright, licence and vendor strings stay."""
    names = font["name"]
    full = face.family if face.style == "Regular" else f"{face.family} {face.style}"
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22):
            names.removeNames(nameID=record.nameID)
    for name_id, text in ((1, face.family), (2, face.style), (4, full),
                          (3, f"{face.postscript_name};Dinghuo"), (6, face.postscript_name)):
        names.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, English
        names.setName(text, name_id, 1, 0, 0)  # Macintosh, Roman, English
    if "CFF " in font:
        font["CFF "].cff.fontNames[0] = face.postscript_name


def match_line_metrics(font: TTFont, reference: TTFont) -> None:
    """Give ``font`` the ascent and descent of ``reference`` (no line gap), in ``font``'s units,
    in each table a platform reads them from: hhea (FreeType, macOS), OS/2 win (Windows) and
    OS/2 typo."""
    scale = font["head"].unitsPerEm / reference["head"].unitsPerEm
    ascent = round(reference["hhea"].ascent * scale)
    descent = round(-reference["hhea"].descent * scale)  # below the baseline, positive
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = ascent, -descent, 0
    os2.usWinAscent, os2.usWinDescent = ascent, descent
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0


def chinese_face(style: str) -> Face:
    return next(f for f in FACES if f.chinese and f.style == style)


def make(face: Face, out_dir: Path) -> int:
    from fontTools import subset

    font = load_face(face.source, face.source_family)
    if not face.chinese:
        chinese = chinese_face(face.style)
        match_line_metrics(font, load_face(chinese.source, chinese.source_family))
    cmap = font.getBestCmap()
    points, own = wanted(cmap)
    if face.chinese:
        missing_own = sorted(p for p in own if p not in cmap)
        # Symbols and rare Latin letters the font does not draw (☐, ħ in a comment) come from
        # the system's other fonts; say so, but a Chinese character missing would be a real gap.
        gaps = [p for p in missing_own if unicodedata.name(chr(p), "").startswith("CJK")]
        if missing_own:
            print(f"not in {face.source_family}: {describe(missing_own)}", file=sys.stderr)
        if gaps:
            print("the font lacks Chinese characters the project uses; refusing to make a "
                  "partial font", file=sys.stderr)
            return 1
    keep, dropped = glyph_owners(points, cmap)
    if dropped:
        print(f"{face.out}: left out, their glyph read back as another character: "
              f"{describe(sorted(dropped))}", file=sys.stderr)
    options = subset.Options()
    # Vertical forms, proportional punctuation, kerning: all but the dropped (see above).
    options.layout_features = sorted(layout_features(font) - DROPPED_FEATURES)
    options.name_IDs = ["*"]  # the copyright, licence and licence URL stay in the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = not face.chinese  # CJK outlines carry no useful hints; DejaVu's do
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(font)
    rename(font, face)
    out = out_dir / face.out
    out.parent.mkdir(parents=True, exist_ok=True)
    font.recalcTimestamp = False  # the source's date: the same source gives the same file
    font.save(str(out))
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {face.family} "
          f"{face.style}, {len(keep)} characters, {out.stat().st_size / 1e6:.2f} MB")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="default: %(default)s")
    args = parser.parse_args(argv)
    for face in FACES:
        if make(face, args.out_dir):
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
