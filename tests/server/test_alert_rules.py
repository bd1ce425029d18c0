"""The shipped alert rules (packaging/prometheus): valid, tested by promtool against series, and
written with the metric names the server really exports."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from sync_engine.server.api.app import create_app
from sync_engine.server.api.settings import ServerSettings
from tests.server.test_metrics import scrape, served
from tests.support.api import Api, mutation, new_id
from tests.support.seed import seed

RULES = Path(__file__).resolve().parents[2] / "packaging" / "prometheus"
NAME = re.compile(r"\b(dinghuo_[a-z_]+)\b")


def promtool(*args: str) -> str:
    tool = shutil.which("promtool")
    assert tool, "promtool is missing: apt-get install prometheus (.ci/run does)"
    done = subprocess.run([tool, *args], cwd=RULES, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def rules() -> list[str]:
    """Each rule's text (no YAML library here: the rules are one ``- alert:`` block each)."""
    text = (RULES / "dinghuo-alerts.yml").read_text(encoding="utf-8")
    return text.split("      - alert: ")[1:]


def test_the_rules_are_valid_and_pass_their_unit_tests() -> None:
    assert "SUCCESS: 8 rules found" in promtool("check", "rules", "dinghuo-alerts.yml")
    assert "SUCCESS" in promtool("test", "rules", "dinghuo-alerts.test.yml")


def test_every_rule_has_a_runbook_and_every_alert_named_in_the_issue_exists() -> None:
    names = {r.split()[0] for r in rules()}
    assert names == {
        "DinghuoServerDown", "DinghuoDeviceWithUnsentOrdersSilent",
        "DinghuoUnsentOrdersOlderThanAnHour", "DinghuoPushErrorRate",
        "DinghuoRelayBacklogGrowing", "DinghuoRelayStalled", "DinghuoConflictsRising",
        "DinghuoFailedSignInBurst",
    }
    for rule in rules():
        [runbook] = re.findall(r"^ +runbook: (.+)$", rule, re.M)
        assert len(runbook) > 40, rule


def test_every_metric_a_rule_uses_is_exported_by_the_server(db_url: str) -> None:
    s = seed(db_url)
    used = {name for rule in rules() for name in NAME.findall(rule.split("annotations:")[0])}
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    with served(app) as server, Api(server, "rep1") as rep:
        # One of each thing a rule counts: a sign-in, a push, a conflict.
        rep.push(mutation("order.submit", {
            "order_id": new_id(), "customer_id": s.customers["A"],
            "lines": [{"product_id": s.products[0], "quantity": 12, "unit_price": "9.00"}],
        }))
        exported = {name for name, _ in scrape(server)}
    assert used and used <= exported, used - exported
