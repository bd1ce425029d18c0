"""The store owner's workspace: favourites and suggestions, catalog, cart, orders, reorder."""
