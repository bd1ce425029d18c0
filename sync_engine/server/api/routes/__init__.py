"""The API's routes, one router per area: ``health`` (ops), ``auth``, ``sync`` (pull, push),
``events`` (the change stream) and ``admin``. :func:`sync_engine.server.api.app.create_app`
includes them."""
