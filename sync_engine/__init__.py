"""Dinghuo sync engine: domain rules, wire protocol, sync server and client (no Qt)."""
