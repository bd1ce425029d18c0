"""``dinghuo --self-test``: does this installation work? Run by CI on the standalone build.

Starts the embedded demo server on a fresh scratch copy of the demo data, signs in as the demo
user, syncs, renders every page of the workspace offscreen, writes an order confirmation as
PDF, switches to Chinese, renders again and writes the confirmation in Chinese (so the
translations, the icons, the Qt plugins, the fonts and the server's executable are all shown to
be there). Each PDF must read back what was printed (:mod:`.pdf_check`): the order number, the
customer, each line's SKU and Chinese name, and every character of the document. Then it exits 0
with one line saying what it did. Any failure exits 1 with one line saying why.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics, QImage, QTextLayout
from PySide6.QtWidgets import QApplication, QWidget

from sync_engine.version import installed_version

from ..application import DinghuoApp
from ..confirmation import confirmation_document
from ..i18n import current_language
from ..printing import write_pdf
from ..resources import icon
from .camera import Camera, Step
from .pdf_check import pdf_text, unreadable
from .server import DemoServer

__all__ = ["SelfTest"]

log = logging.getLogger(__name__)

CHINESE_SAMPLE = "订货单客户合计含税"


class SelfTest(Camera):
    """Connect ``finished`` (the exit code), then call :meth:`begin` on the event loop."""

    def __init__(self, app: DinghuoApp, demo: DemoServer, directory: Path, *,
                 timeout_s: float = 120) -> None:
        super().__init__(app, demo, directory, lang="en", timeout_s=timeout_s)
        self.started = time.monotonic()
        self.done: list[str] = []
        self.rendered: list[str] = []  # what was rendered, in order

    def begin(self) -> None:
        if icon("app").isNull():
            self.fail("the app icon did not load (resources or the SVG icon plugin missing)")
            return
        self.app.demo_failed.connect(
            lambda why: self.fail(f"the demo server did not start: {why}"))
        self.app.start()
        self.steps = [self.check_data, *self._page_steps(), self.check_pdf, self.check_chinese,
                      self.check_pdf]
        self.wait(self.synced, self.next)

    # ------------------------------------------------------------------ steps

    def check_data(self) -> None:
        """Signed in, synced, and the demo's data arrived."""
        engine = self.app.engine
        identity = engine.identity
        products = len(engine.search_products("", limit=100_000))
        orders = len(engine.orders(limit=100_000))
        if identity is None or not products:
            self.fail(f"synced, but the local database has {products} products")
            return
        self.done.append(f"signed in as {identity.username}, synced {products} products and "
                         f"{orders} orders")
        self.next()

    def _page_steps(self) -> list[Step]:
        """One step per page of the workspace, known once the window is open."""

        def expand() -> None:
            ws = self.window.workspace
            names = list(ws.page_titles)
            self.steps[0:0] = [self._show(name) for name in names]
            self.next()

        return [expand]

    def _show(self, name: str) -> Step:
        def show() -> None:
            self.window.workspace.show_page(name)
            self.settle(lambda: self._render(self.window, f"the {name} page"))

        return show

    def _render(self, widget: QWidget, what: str) -> None:
        image = widget.grab().toImage()
        if image.isNull() or _one_colour(image):
            self.fail(f"{what} rendered blank")
            return
        self.rendered.append(what)
        self.next()

    def check_pdf(self) -> None:
        """The first order's confirmation, written as a PDF in the language of the moment, and
        its text read back."""
        engine = self.app.engine
        orders = engine.orders(limit=1)
        if not orders:
            self.fail("no order to print")
            return
        order = engine.order(orders[0].id)
        products = {line.product_id: engine.product(line.product_id) for line in order.lines}
        customer = engine.customer(order.customer_id)
        lang = current_language()
        path = self.directory / f"confirmation.{lang}.pdf"
        document = confirmation_document(order, products, customer, self.window.ctx.fmt)
        write_pdf(path, document)
        data = path.read_bytes() if path.is_file() else b""
        if not data.startswith(b"%PDF") or len(data) < 2000:
            self.fail(f"the order confirmation PDF ({lang}) was not written")
            return
        words = [order.number or order.local_number,
                 *((customer.code, customer.name) if customer else ()),
                 *(text for p in products.values() if p for text in (p.sku, p.name_zh))]
        lost = unreadable(pdf_text(path), document.toPlainText(), words)
        if lost:
            self.fail(f"the order confirmation PDF ({lang}) does not read back what it printed: "
                      f"{', '.join(lost)}")
            return
        self.done.append(f"wrote a {len(data) // 1024} KB PDF ({lang}) that reads back whole")
        self.next()

    def check_chinese(self) -> None:
        """The Chinese translation loads and a font draws its characters."""
        self.app.switch_language("zh_CN")
        if QCoreApplication.translate("MainWindow", "&File") == "&File":
            self.fail("the Chinese translation did not load")
            return
        metrics = QFontMetrics(QApplication.font())
        missing = [c for c in CHINESE_SAMPLE if not metrics.inFontUcs4(ord(c))]
        if missing:
            self.fail(f"no font draws {''.join(missing)}")
            return
        self.done.append(f"Chinese in {_families(CHINESE_SAMPLE)}")
        self.settle(lambda: self._render(self.window, "the window in Chinese"))

    # ------------------------------------------------------------------ the end

    def excepthook(self, kind: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        """An exception escaping a slot fails the self-test (logged with its traceback)."""
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        self.fail(f"{kind.__name__}: {exc}")

    def fail(self, why: str) -> None:
        self._poll.stop()
        self.steps.clear()
        log.error("self-test failed: %s", why)
        print(f"dinghuo: self-test failed: {why}", file=sys.stderr, flush=True)
        self.finished.emit(1)

    def finish(self) -> None:
        seconds = time.monotonic() - self.started
        print(f"dinghuo {installed_version()}: self-test passed in {seconds:.1f} s: "
              f"demo server started, {', '.join(self.done)}, {len(self.rendered)} screens rendered",
              flush=True)
        self.finished.emit(0)


def _families(text: str) -> str:
    """The fonts the window's text is drawn in when it is ``text`` (an installed one, or the
    app's own where none is installed)."""
    layout = QTextLayout(text, QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return ", ".join(sorted({run.rawFont().familyName() for run in layout.glyphRuns()}))


def _one_colour(image: QImage) -> bool:
    """Whether ``image`` is a single colour (sampled on a grid): nothing was drawn."""
    first = image.pixel(0, 0)
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    return all(image.pixel(x, y) == first
               for x in range(0, image.width(), step_x)
               for y in range(0, image.height(), step_y))
