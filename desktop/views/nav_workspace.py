"""The frame every role's workspace shares: a navigation list on the left, one page per job.

The sales rep's workspace set the pattern; the clerk's, the owner's and the back office's
derive from this class and only say which pages they have.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from ..context import AppContext
from ..resources import icon

__all__ = ["NavWorkspace"]


class NavWorkspace(QWidget):
    """``pages`` (name → widget), ``page_titles`` (name → title) and ``show_page(name)``."""

    can_edit_orders = False  # whether a conflict may be turned into an editable draft here

    def __init__(self, ctx: AppContext, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.ctx = ctx
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(168)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.page_titles: dict[str, str] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        ctx.conflicts_changed.connect(self.count_conflicts)

    def add_page(self, name: str, title: str, icon_name: str, page: QWidget) -> None:
        self.pages[name] = page
        self.page_titles[name] = title
        item = QListWidgetItem(icon(icon_name), title)
        item.setData(256, name)
        self.nav.addItem(item)
        self.stack.addWidget(page)

    def show_page(self, name: str) -> None:
        """Bring a page to the front by name."""
        if name in self.pages:
            self.nav.setCurrentRow(list(self.pages).index(name))

    def current_page(self) -> str:
        return list(self.pages)[self.nav.currentRow()] if self.pages else ""

    def set_badge(self, name: str, n: int) -> None:
        """Show a count beside a page's title (0: just the title)."""
        if name not in self.pages:
            return
        title = self.page_titles[name]
        self.nav.item(list(self.pages).index(name)).setText(f"{title} ({n})" if n else title)

    def count_conflicts(self) -> None:
        engine = self.ctx.engine
        self.ctx.read(lambda: len(engine.conflicts()),
                      lambda n: self.set_badge("conflicts", int(n)))

    def save_state(self) -> None:
        """Remember splitter positions (called when the window closes)."""
        for page in self.pages.values():
            save = getattr(page, "save_state", None)
            if save is not None:
                save()
