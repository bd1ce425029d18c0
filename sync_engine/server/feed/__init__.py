"""The change feed: the change log, scoping, pulls, notifications and the event stream."""
