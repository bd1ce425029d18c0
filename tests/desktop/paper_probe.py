"""Run in a subprocess by test_pdf_text.py, under a fontconfig set up by the test (only an
installed Chinese font): print every document of test_pdf_text in both languages as PDFs into
the folder given, and say on stdout, as JSON, what each holds: ``{pdf: [the document's plain
text, the words it printed]}``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.i18n import Formatter, install_language
from desktop.printing import html_document
from tests.desktop.test_pdf_text import DOCUMENTS


def main() -> int:
    app = QApplication(sys.argv[:1])
    folder = Path(sys.argv[1])
    written: dict[str, tuple[str, list[str]]] = {}
    for lang in ("en", "zh_CN"):
        install_language(lang)
        for name, write in DOCUMENTS.items():
            path = folder / f"{name}.{lang}.pdf"
            html_text, printed = write(Formatter(), path)
            written[str(path)] = (html_document(html_text).toPlainText(), printed)
    print(json.dumps(written, ensure_ascii=False))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
