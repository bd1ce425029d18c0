"""A customer's account (账期) in one line: payment terms, what is open, what is overdue, as
of the last sync — for the rep before taking the order, and for the store owner."""

from __future__ import annotations

from collections.abc import Callable

from sync_engine.client.values import CreditView

from ...context import AppContext
from .lookup_label import LookupLabel

__all__ = ["CreditBanner"]


class CreditBanner(LookupLabel[int, CreditView]):
    """Shows the account of the customer (id) given to :meth:`show_for` (hidden without one)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "creditBanner")
        self.account: CreditView | None = None

    def lookup(self, customer_id: int) -> Callable[[], CreditView]:
        engine = self.ctx.engine
        return lambda: engine.credit(customer_id)

    def forget(self) -> None:
        self.account = None

    def found(self, _customer_id: int, account: CreditView) -> None:
        self.account = account
        self.setText(self.text_of(account))
        self.setProperty("overdue", account.overdue_amount > 0)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def text_of(self, account: CreditView) -> str:
        """The sentence for ``account`` in the UI language."""
        fmt = self.ctx.fmt
        terms = self.ctx.fmt.terms(account.payment_terms) or "—"
        if account.as_of is None:
            return self.tr("Terms: %1 · no open receivables known (as of the last sync)").replace(
                "%1", terms)
        text = self.tr("Terms: %1 · open %2 · overdue %3 (as of %4)").replace(
            "%1", terms).replace("%2", fmt.money(account.open_amount)).replace(
            "%3", fmt.money(account.overdue_amount)).replace(
            "%4", fmt.timestamp(account.as_of.isoformat()))
        if account.overdue_amount > 0:
            text += " — " + self.tr("oldest %n day(s) overdue", "", account.overdue_days)
            if account.overdue_policy == "block":
                text += " · " + self.tr("new orders are refused until it is paid")
            elif account.overdue_policy == "review":
                text += " · " + self.tr("new orders wait for back-office review")
        return text
