"""Settings: server URL, sync interval, language, the delivery notes' paper and copies."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..delivery_note import PAPERS
from ..i18n import LANGUAGES
from ..settings import Settings
from ..widgets.parts import wrapped_label

__all__ = ["SettingsDialog"]


class SettingsDialog(QDialog):
    """Edits :class:`Settings`; :meth:`apply` writes them back (the app reacts to changes)."""

    def __init__(self, settings: Settings, current_language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.server = QLineEdit(settings.server_url)
        form.addRow(self.tr("Server"), self.server)
        note = wrapped_label(self.tr("A new server address is used the next time you sign in."),
                                     "hint")
        form.addRow("", note)
        self.interval = QSpinBox()
        self.interval.setRange(10, 3600)
        self.interval.setSingleStep(10)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setValue(settings.sync_interval)
        form.addRow(self.tr("Sync every"), self.interval)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language)))
        form.addRow(self.tr("Language"), self.language)
        self.paper = QComboBox()
        for paper, spec in PAPERS.items():
            self.paper.addItem(spec.label, str(paper))
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.delivery_paper)))
        form.addRow(self.tr("Delivery note paper"), self.paper)
        self.copies = QSpinBox()
        self.copies.setRange(1, 6)
        self.copies.setValue(settings.delivery_copies)
        form.addRow(self.tr("Delivery note copies"), self.copies)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def apply(self) -> None:
        """Write the edited values to the settings."""
        self.settings.server_url = self.server.text()
        self.settings.sync_interval = self.interval.value()
        self.settings.language = str(self.language.currentData())
        self.settings.delivery_paper = str(self.paper.currentData())
        self.settings.delivery_copies = self.copies.value()
