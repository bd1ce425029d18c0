"""A client process for the kill tests: signs in, then keeps ordering and syncing.

Usage: python tests/client/sync_driver.py DATA_DIR SERVER_URL USER CUSTOMER_ID PRODUCT_ID...

Prints ``ready`` once signed in, then ``saved <order id>`` after each order is committed
locally (what the UI would call saved), and ``synced`` after each completed sync. It is meant to
be killed with SIGKILL at any moment; ``--once`` just syncs once and exits (to converge).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import keyring

from sync_engine.client import errors
from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring


def main(argv: list[str]) -> int:
    once = "--once" in argv
    args = [a for a in argv if a != "--once"]
    data_dir, server, user, customer = args[0], args[1], args[2], int(args[3])
    products = [int(p) for p in args[4:]]
    keyring.set_keyring(MemoryKeyring())
    with Engine(data_dir, server, page_limit=4, push_batch=3) as engine:
        engine.login(user, "demo")
        print("ready", flush=True)
        if once:
            engine.sync_once()
            print("synced", flush=True)
            return 0
        rng = random.Random()
        while True:
            # Until the first full pull has finished, there is no customer to order for.
            for _ in range(rng.randint(1, 3) if engine.status().initial_sync_done else 0):
                draft = engine.create_draft(customer, {rng.choice(products): 1})
                engine.submit(draft.id)
                print(f"saved {draft.id}", flush=True)
            try:
                engine.sync_once()
            except errors.Retryable:
                continue
            print("synced", flush=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
