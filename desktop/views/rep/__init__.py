"""The sales rep's workspace: customers, catalog, order entry, orders, conflicts."""
