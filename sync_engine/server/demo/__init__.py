"""The demo data set and its loader."""
