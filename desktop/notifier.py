"""Desktop notifications: the system tray's balloon when there is one, else an in-app toast."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from .labels import status_name
from .resources import icon
from .sync_controller import OrderEvent
from .widgets.toast import Toast

__all__ = ["Notifier"]


class Notifier(QObject):
    """Tells the user about order status changes, however the desktop allows."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.toast = Toast(window)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            self.tray = QSystemTrayIcon(icon("app"), self)
            self.tray.setToolTip("Dinghuo 订货")
            self.tray.show()
        self.shown: list[tuple[str, str]] = []  # what was said (tests and screenshots read it)

    def notify(self, title: str, text: str) -> None:
        self.shown.append((title, text))
        if self.tray is not None:
            self.tray.showMessage(title, text, icon("app"), 8000)
        else:
            self.toast.show_message(title, text)

    def order_events(self, events: list[OrderEvent]) -> None:
        """One notification for a batch of changes (a sync may move many orders)."""
        lines = []
        for event in events[:5]:
            order = event.order
            number = order.number or order.local_number
            name = order.customer_name
            if event.became_conflict:
                lines.append(self.tr("Order {number} ({customer}) needs your decision").format(
                    number=number, customer=name))
            else:
                lines.append(self.tr("Order {number} ({customer}) is now {status}").format(
                    number=number, customer=name, status=status_name(order.status)))
        if len(events) > 5:
            lines.append(self.tr("… and {n} more").format(n=len(events) - 5))
        self.notify(self.tr("Orders updated"), "\n".join(lines))
