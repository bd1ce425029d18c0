"""Storage: the database models, engines, migrations and raw SQL."""
