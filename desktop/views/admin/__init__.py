"""The back office's workspace: the review queue, sync health, all orders, conflicts."""
