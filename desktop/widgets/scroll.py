"""A widget in a scroll area that scrolls only below the widget's minimum size: on a screen
too small for it (1366×768 at 150 %, say) the widget scrolls instead of making the window
larger than the screen, and at any larger size it lays out exactly as without the scroll area."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

__all__ = ["scrolling"]


class _Holder(QVBoxLayout):
    """Says it has no height-for-width: a scroll area then sizes its widget by the widget's
    minimum height, not by the height its wrapping labels would like at that width (which
    made it scroll at sizes where everything fits)."""

    def hasHeightForWidth(self) -> bool:
        return False


def scrolling(widget: QWidget, name: str = "scroll") -> QScrollArea:
    """``widget`` in a frameless, transparent scroll area named ``name``."""
    holder = QWidget()
    holder.setObjectName("scrollHolder")
    layout = _Holder(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    area = QScrollArea()
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(holder)
    return area
