"""The warehouse clerk's workspace: the shipping queue, pick lists, scan-and-confirm."""
