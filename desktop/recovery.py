"""The recovery dialog: the local database was found damaged at start and has been repaired.

Shown once, when the app starts after :func:`sync_engine.client.integrity.open_checked`
moved a damaged (or missing) replica aside and restored a backup or left it to be rebuilt by
the next sync. The words come from the engine's :class:`~sync_engine.client.values.ReplicaRepair`
in the UI's language; the technical reason goes to the log only.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from sync_engine.client.values import ReplicaRepair

from .i18n import domain_lang

__all__ = ["recovery_dialog"]

log = logging.getLogger(__name__)


def recovery_dialog(repair: ReplicaRepair, parent: QWidget | None = None) -> QMessageBox:
    """The dialog (not yet shown) telling the user what was repaired."""
    log.error("local database repaired at start: %s (moved to %s, restored from %s, "
              "%d change(s) replayed)", repair.reason, repair.moved_to, repair.restored_from,
              repair.replayed)
    zh = domain_lang() == "zh"
    box = QMessageBox(parent)
    box.setObjectName("recoveryDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("本地数据已修复" if zh else "Local data repaired")
    box.setText("本地数据库已损坏，已自动修复。" if zh
                else "The local database was damaged and has been repaired.")
    box.setInformativeText(repair.message_zh if zh else repair.message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box
