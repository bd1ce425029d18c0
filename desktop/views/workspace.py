"""A role's workspace: the frame every role's screens share, and what the shared pages ask of it.

:class:`Workspace` is the frame: a navigation list on the left, one page per job. The rep's,
the clerk's, the owner's and the back office's workspaces derive from it and only say which
pages they have; the main window holds one (:mod:`desktop.workspaces` says which role gets
which).

The pages several roles use (:mod:`.shared`) are written against protocols, not against one
role's workspace: :class:`OrdersHost` is what the orders list and an order's detail need,
:class:`OrderingHost` what the catalog and order entry need (one customer at a time).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QSize, Qt, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from sync_engine.client.values import CustomerView, ProductView

from ..context import AppContext
from ..i18n import translate
from ..resources import icon
from ..widgets.scroll import ScrollingPane
from .page import NavEntry, Page

__all__ = ["HasMainField", "OrderingHost", "OrdersHost", "Workspace", "focus_first_field"]


@runtime_checkable
class HasMainField(Protocol):
    """A page that says where the cursor goes when it is shown (its search, its scan field…)."""

    def focus_main_field(self) -> None: ...


def focus_first_field(page: QWidget) -> None:
    """Put the cursor in the first field of ``page`` that Tab would reach."""
    widget = page.nextInFocusChain()
    while widget is not page and widget is not None:
        if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()


class Workspace(QWidget):
    """``pages`` (name → widget), ``page_titles`` (name → title) and ``show_page(name)``.

    The main window builds its Go menu from ``page_titles`` and calls :meth:`save_state` when
    it closes. A page shown by name, or picked in the navigation with the mouse, gets the
    cursor in its main field (:class:`HasMainField`, else its first field), wherever the cursor
    was before; arrowing through the navigation list leaves the cursor there.
    """

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
        self.nav.itemClicked.connect(lambda _item: self.focus_page())
        ctx.conflicts_changed.connect(self.count_conflicts)

    def add_pages(self, *pages: Page) -> None:
        """Add pages, each under its own :attr:`~desktop.views.page.Page.nav` entry."""
        for page in pages:
            self.add_page(page)

    def add_page(self, page: Page, nav: NavEntry | None = None) -> None:
        """Add a page under ``nav`` (this role's own words for it), else its own entry. It sits
        in a scroll area: on a screen too small for it (1366×768 at 150 %, say) it scrolls
        instead of making the window larger than the screen."""
        entry = nav or page.nav
        if entry is None:
            raise TypeError(f"{type(page).__name__} says nowhere how the navigation lists it")
        name, title, icon_name = entry.name, translate("Navigation", entry.title), entry.icon
        self.pages[name] = page
        self.page_titles[name] = title
        item = QListWidgetItem(icon(icon_name), title)
        item.setData(256, name)
        self.nav.addItem(item)
        pane = ScrollingPane("pageScroll")
        self.stack.addWidget(pane)
        pane.set_content(page)

    def show_page(self, name: str) -> None:
        """Bring a page to the front by name."""
        if name in self.pages:
            self.nav.setCurrentRow(list(self.pages).index(name))
            self.focus_page()

    def focus_page(self) -> None:
        """Put the cursor in the main field of the page in front."""
        page = self.pages.get(self.current_page())
        if page is None:
            return
        if isinstance(page, HasMainField):
            page.focus_main_field()
        else:
            focus_first_field(page)

    def current_page(self) -> str:
        row = self.nav.currentRow()
        return list(self.pages)[row] if self.pages and 0 <= row < len(self.pages) else ""

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


class OrdersHost(Protocol):
    """What the orders list and an order's detail need from the workspace around them."""

    def show_page(self, name: str) -> None: ...

    def edit_order(self, order_id: str) -> None:
        """Open an order for editing; where the role edits no orders, just show it."""


class OrderingHost(OrdersHost, Protocol):
    """What the catalog and order entry need: the customer they are both for, and the way
    from one page to the other."""

    @property
    def customer(self) -> CustomerView | None:
        """The customer whose prices the catalog shows and for whom a new order is made."""

    @property
    def customer_changed(self) -> SignalInstance:
        """Emitted with the new customer (or None) when :attr:`customer` changes."""

    def set_customer(self, customer: CustomerView | None) -> None: ...

    def pick_product(self, product: ProductView) -> None:
        """Put a product in order entry, ready for its quantity, and show order entry."""

    def find_in_catalog(self, text: str) -> None:
        """Show the catalog searching for ``text`` (what was typed in the product field)."""

    def show_order(self, order_id: str, *, front: bool = True) -> None:
        """Show an order in the orders page (``front``: and bring that page to the front)."""
