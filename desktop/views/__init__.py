"""Screens. One package per role (``views.rep``, ``views.clerk``, ``views.owner``,
``views.admin``) holds that role's workspace and its own pages; ``views.shared`` holds the pages
several roles use."""
