"""What the clerk's scan field reads, for shipping and for returns alike: a code, counted once,
or ``12*code`` (also ``12x``/``12×``) counted twelve times; and the row it sits in (the scanner
icon, the field, and how a scan counts)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...resources import icon

__all__ = ["parse_scan", "scan_row"]

_TIMES = re.compile(r"^\s*(\d+)\s*[*xX×]\s*(\S+)\s*$")


def parse_scan(text: str) -> tuple[int, str]:
    """How many times, and the code: ``"12*6901234"`` → ``(12, "6901234")``; ``"SKU-1"`` →
    ``(1, "SKU-1")``."""
    match = _TIMES.match(text)
    return (int(match.group(1)), match.group(2)) if match else (1, text)


def scan_row(scan_box: QWidget, per_scan: QComboBox) -> QHBoxLayout:
    """The scanner icon, the scan field (``scan_box``) taking the width, and ``per_scan``."""
    row = QHBoxLayout()
    scan_icon = QLabel()
    scan_icon.setPixmap(icon("scan").pixmap(24, 24))
    row.addWidget(scan_icon, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(scan_box, 1)
    row.addWidget(per_scan, 0, Qt.AlignmentFlag.AlignTop)
    return row
