"""Mutation handlers: one per mutation kind, and the one place that applies a push."""
