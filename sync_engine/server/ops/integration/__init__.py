"""ERP and WMS integration: upserts in (HTTP and a queue), credentials, webhooks out.

- :mod:`.upserts`  bulk upserts addressed by the ERP's codes, ordered by the source's versions
- :mod:`.tokens`   integration tokens: scoped, revocable, rate-limited, stored hashed
- :mod:`.consumer` the same upserts from a RabbitMQ queue (``dinghuo-server consume``)
- :mod:`.webhooks` the outbox's events POSTed, signed, to configured URLs
- :mod:`.cli`      their ``dinghuo-server`` subcommands
"""
