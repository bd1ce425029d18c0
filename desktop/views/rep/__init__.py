"""The sales rep's workspace and the page only reps have: customers."""
