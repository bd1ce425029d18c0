"""Storage: the database models, engines, migrations, raw SQL, and every place PostgreSQL and
SQLite differ (:mod:`.dialect`, :mod:`.commit`, :mod:`.announce`, :mod:`.tokens`)."""
