"""Screens. ``views.rep`` is the sales rep's workspace; other roles get their own package."""
