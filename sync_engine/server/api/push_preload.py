"""What the push processes' fork server imports before it forks them (:class:`.PushPool`): the
push code (:mod:`.push_pool` and all it imports), then that heap frozen.

A push process is forked from the fork server and shares its memory until it writes to a page.
Python's garbage collector writes to every object it scans, so the first full collection in a
push process (its start-up's, :func:`.push_pool._start_worker`) copied nearly every page it had
inherited: two push processes each held about 45 MB of their own (PSS) out of 68 MB. Frozen here,
in the fork server, those objects are out of every push process's collections, and their pages
stay shared. Imported by the fork server alone: frozen garbage is never collected, which costs
nothing in a process that only imports and forks.
"""

import gc

import sync_engine.server.api.push_pool  # noqa: F401  (imported to be inherited)

gc.collect()
gc.freeze()
