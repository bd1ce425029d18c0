"""The back office's returns (退货): every return, those waiting for a decision first; the
lines, the reason and the note; approve, or refuse with a reason the rep and the store read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from sync_engine.client.values import ReturnLineView, ReturnView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, domain_lang, translate
from ...labels import return_reason_name, return_state, return_status_name, return_title
from ...models.base import ROW_ROLE, Column, ListTableModel
from ...widgets.parts import two_panes, wrapped_label
from ...widgets.tables import fit_columns, make_table, reselect, table_pane
from ..page import NavEntry, WorkspacePage
from ..shared.return_lines import DamagedStockLabel, returns_list_columns
from .decision import ReasonDialog, decided, decision_box

if TYPE_CHECKING:
    from .workspace import AdminWorkspace

__all__ = ["ReturnsReviewPage"]

_WAITING = QBrush(QColor("#b45309"))
_ORDER = {"requested": 0, "approved": 1, "partially_received": 2, "received": 3, "refused": 4}


class ReturnsReviewPage(WorkspacePage["AdminWorkspace"]):
    nav = NavEntry("returns", QT_TRANSLATE_NOOP("Navigation", "Returns"), "return")

    def __init__(self, ctx: AppContext, workspace: AdminWorkspace) -> None:
        super().__init__(ctx, "returnsReviewPage", workspace)
        self.current: ReturnView | None = None
        self.filter = QComboBox()
        self.filter.setObjectName("returnsFilter")
        self.filter.addItem(self.tr("All returns"), None)
        for status in _ORDER:
            self.filter.addItem(return_status_name(status), status)
        self.filter.currentIndexChanged.connect(self.reload)
        self.model: ListTableModel[ReturnView] = ListTableModel([
            *returns_list_columns(lambda r: _WAITING if r.status == "requested" else None),
            Column(lambda: translate("Returns", "Reason"), lambda r: return_reason_name(r.reason)),
            Column(lambda: translate("Returns", "Units"), lambda r: ctx.fmt.integer(r.units),
                   align_right=True),
        ])
        self.table = make_table(stretch=1, model=self.model, name="returnsTable",
                                on_current=self._selected)
        self.empty = wrapped_label(self.tr("No returns. Returns the reps and stores ask for "
                                           "appear here for your decision."), "hint")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(table_pane(self.table, self.empty, empty=True), 1)
        two_panes(self, left, self._build_detail(), Qt.Orientation.Horizontal, sizes=(640, 640))
        self.refuse_dialog: ReasonDialog | None = None
        self.keep_loaded(self.reload, ctx.orders_changed)

    def _build_detail(self) -> QWidget:
        self.order_label, self.reason_label, self.credit_label, self.asked_label = (
            QLabel() for _ in range(4))
        self.note_label = wrapped_label()
        fmt = self.ctx.fmt
        self.lines_model: ListTableModel[ReturnLineView] = ListTableModel([
            Column(lambda: translate("Returns", "SKU"), lambda ln: ln.sku),
            Column(lambda: translate("Returns", "Product"), lambda ln: ln.name_in(domain_lang())),
            Column(lambda: translate("Returns", "Units"),
                   lambda ln: fmt.count(ln.quantity, ln.unit), align_right=True),
            Column(lambda: translate("Returns", "Unit price"),
                   lambda ln: fmt.unit_price(ln.unit_price), align_right=True),
            Column(lambda: translate("Returns", "Received"), lambda ln: (
                translate("Returns", "%1 + %2 damaged").replace(
                    "%1", fmt.count(ln.received_qty, ln.unit)).replace(
                    "%2", fmt.integer(ln.damaged_qty))
                if ln.damaged_qty else fmt.count(ln.received_qty, ln.unit)), align_right=True),
        ])
        self.damaged = DamagedStockLabel(self.ctx)
        box, self.title, self.lines, self.approve_button, self.refuse_button = decision_box(
            self.tr("Decision"), self.tr("Choose a return."), [
                (self.tr("Order"), self.order_label), (self.tr("Asked"), self.asked_label),
                (self.tr("Reason"), self.reason_label), (self.tr("Note"), self.note_label),
                (self.tr("Credited"), self.credit_label)],
            self.lines_model, yes=(self.tr("Approve return"), self.approve),
            no=(self.tr("Refuse…"), self.ask_refuse), under_lines=self.damaged)
        self._enable()
        return box

    def reload(self) -> None:
        engine, wanted = self.ctx.engine, self.filter.currentData()
        self.ctx.read(lambda: engine.returns(status=wanted), self._loaded)

    def _loaded(self, found: object) -> None:
        assert isinstance(found, list)
        rows = sorted(found, key=lambda r: _ORDER.get(r.status, 9))  # stable: newest first
        current = self.current.id if self.current else None
        self.model.set_rows(rows)
        fit_columns(self.table)
        self.workspace.set_badge("returns", sum(1 for r in found if r.status == "requested"))
        self._show(reselect(self.table, rows, lambda r: r.id == current))

    def _selected(self) -> None:
        r = self.table.currentIndex().data(ROW_ROLE)
        if isinstance(r, ReturnView):
            self._show(r)

    def _show(self, r: ReturnView | None) -> None:
        self.current = r
        self._enable()
        self.damaged.show_for(r)
        if r is None:
            self.title.setText(self.tr("Choose a return."))
            for label in (self.order_label, self.reason_label, self.note_label,
                          self.credit_label, self.asked_label):
                label.setText("")
            self.lines_model.set_rows([])
            return
        self.title.setText(self.tr("Return %1 — %2 · %3").replace("%1", return_title(r))
                           .replace("%2", r.customer_name_in(domain_lang()))
                           .replace("%3", return_state(r)))
        self.order_label.setText(r.order_number or r.order_id)
        self.asked_label.setText(self.ctx.fmt.timestamp(r.requested_at) or self.tr("not yet sent"))
        self.reason_label.setText(return_reason_name(r.reason))
        note = r.note or "—"
        refusal = [h for h in r.history if h.get("status") == "refused" and h.get("reason")]
        if refusal:
            note += "\n" + self.tr("Refused: %1").replace("%1", str(refusal[-1]["reason"]))
        self.note_label.setText(note)
        self.credit_label.setText(self.ctx.fmt.money(r.credit_amount))
        self.lines_model.set_rows(list(r.lines))
        fit_columns(self.lines)

    def _enable(self) -> None:
        r = self.current
        ok = r is not None and r.status == "requested" and "return.decide" not in r.pending \
            and "return.request" not in r.pending
        self.approve_button.setEnabled(ok)
        self.refuse_button.setEnabled(ok)

    def approve(self) -> None:
        r = self.current
        if r is None:
            return
        decided(self.ctx, lambda engine: engine.decide_return(r.id, True),
                self.tr("Return %1 approved. The warehouse can take the goods in after the next "
                        "sync.").replace("%1", return_title(r)))

    def ask_refuse(self) -> None:
        r = self.current
        if r is None:
            return
        self.refuse_dialog = ReasonDialog(
            self, "refuseReturn", self.tr("Refuse return %1").replace("%1", return_title(r)),
            self.tr("Why? The rep and the store are told this reason."),
            self.tr("e.g. past the 30-day return period"),
            self.tr("Refuse return"), self.tr("Say why the return is refused."),
        ).ask(lambda reason: decided(
            self.ctx, lambda engine: engine.decide_return(r.id, False, reason),
            self.tr("Return %1 refused. The rep is told after the next sync.")
            .replace("%1", return_title(r))))
