"""A pane that scrolls only below its content's minimum size: on a screen too small for the
content (1366×768 at 150 %, say) it scrolls instead of making the window larger than the
screen, and at any larger size it lays the content out exactly as without the scroll area."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

__all__ = ["ScrollingPane"]


class _Holder(QVBoxLayout):
    """Says it has no height-for-width: a scroll area then sizes its widget by the widget's
    minimum height, not by the height its wrapping labels would like at that width (which
    made it scroll at sizes where everything fits)."""

    def hasHeightForWidth(self) -> bool:
        return False


class ScrollingPane(QScrollArea):
    """Put the pane where it goes first, then :meth:`set_content`: the content is then moved
    into a parented tree once (each move of a widget tree re-resolves the style sheet over it,
    which is most of what building a page costs)."""

    def __init__(self, name: str = "scroll") -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        holder = QWidget()
        holder.setObjectName("scrollHolder")
        self._layout = _Holder(holder)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setWidget(holder)

    def set_content(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """The content's (QScrollArea keeps the one of the moment its widget was set: here,
        the empty holder's), so splitters and layouts size the pane as they would the
        content."""
        frame = 2 * self.frameWidth()
        holder = self.widget()
        return (holder.sizeHint() if holder is not None else QSize()) + QSize(frame, frame)
