"""Reusable widgets: status bar, toast, field error label, search box."""
