"""A device told to wait before signing in again gets the wait in seconds (``Retry-After``),
and a locked account its own error; the words exist in both languages."""

from __future__ import annotations

import pytest

from sync_engine.client import errors
from sync_engine.server.accounts import throttle
from tests.client.conftest import Env
from tests.server.test_signin_throttle import time_passes


def test_too_many_wrong_passwords_say_how_long_to_wait(env: Env) -> None:
    engine = env.device()
    for _ in range(throttle.ACCOUNT.free + 1):
        with pytest.raises(errors.InvalidCredentials):
            engine.login("rep1", "wrong-password")
    with pytest.raises(errors.SignInThrottled) as caught:
        engine.login("rep1", "demo")
    wait = caught.value.retry_after
    assert wait >= 1 and caught.value.code == "signin_throttled"
    assert f"Try again in {wait} s." in str(caught.value)
    assert f"请在 {wait} 秒后再试" in caught.value.text("zh")
    assert isinstance(caught.value, errors.Retryable)  # not a sign-in that is over


def test_a_locked_account_is_its_own_error(env: Env) -> None:
    engine = env.device()
    assert throttle.LOCK_AFTER is not None
    for _ in range(throttle.LOCK_AFTER):
        with pytest.raises(errors.InvalidCredentials):
            engine.login("rep2", "wrong-password")
        time_passes(env.db_url)
    with pytest.raises(errors.AccountLocked) as caught:
        engine.login("rep2", "demo")
    assert "administrator" in str(caught.value) and "管理员" in caught.value.text("zh")
