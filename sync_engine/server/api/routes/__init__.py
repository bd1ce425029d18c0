"""The API's routes, one router per area: ``health`` (ops), ``auth``, ``sync`` (pull, push),
``events`` (the change stream), ``admin``, ``payments`` (收款), ``statements`` (对账单),
``integration`` (the ERP) and ``metrics``. :func:`sync_engine.server.api.app.create_app`
includes them."""
