"""What the back office's lists kept by the server share (devices, users, integration
tokens): fetched when the page is first shown and on Refresh, a line that says how many (or
why they could not be fetched), and the selected row that the buttons act on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from ...context import AppContext
from ...models.base import ROW_ROLE
from ...widgets.parts import action_button, wrapped_label
from ..page import Page
from .ask import ConfirmBox, list_failed

__all__ = ["MUTED", "ServerListPage"]

R = TypeVar("R")
MUTED = QBrush(QColor("#6b7280"))  # a row no longer in use (revoked, disabled)


class ServerListPage(Page, Generic[R]):
    """The page makes its :attr:`table` of ``row_type`` rows and says how to :meth:`refresh`;
    rows not ``in_use`` are greyed (:meth:`muted`)."""

    table: QTableView

    def __init__(self, ctx: AppContext, name: str, row_type: type[R],
                 in_use: Callable[[R], bool]) -> None:
        super().__init__(ctx, name)
        self.row_type = row_type
        self.in_use = in_use
        self.loaded = False  # fetched once: the workspace fetches when the page is first shown
        self.confirm_box: ConfirmBox | None = None
        self.state = wrapped_label("", "hint")
        self.refresh_button = action_button("sync", self.tr("Refresh"), self.refresh)

    def refresh(self) -> None:
        """Fetch the list from the server."""
        raise NotImplementedError

    def focus_main_field(self) -> None:
        self.table.setFocus()

    def muted(self, row: R) -> QBrush | None:
        """The colour of a row no longer in use (a device or token revoked, a user disabled):
        greyed, in every column."""
        return None if self.in_use(row) else MUTED

    def selected(self) -> R | None:
        row = self.table.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, self.row_type) else None

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        list_failed(self.ctx, self.state, exc)

    def ask_first(self, title: str, text: str, action: str, who: str,
                  then: Callable[[], None]) -> None:
        """Say what ``action`` does to ``who`` (``%1`` in the title and the text), and do it
        (``then``) only if the admin agrees."""
        self.confirm_box = ConfirmBox(self, title.replace("%1", who), text.replace("%1", who),
                                      action, then)
        self.confirm_box.open()
