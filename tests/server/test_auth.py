"""Sign-in, tokens and their rotation, on every backend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from sync_engine.server import accounts as auth
from sync_engine.server.accounts import tokens
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import AuthToken, Device, User, Warehouse


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as s:
        yield s
    engine.dispose()


@pytest.fixture
def rep(session: Session) -> User:
    return auth.create_user(session, "rep1", "secret-pw", "sales_rep", display_name="王建国")


def test_login_and_authenticate(session: Session, rep: User) -> None:
    pair = auth.login(session, "Rep1 ", "secret-pw", "dev-1", "Laptop")
    assert pair.access_token != pair.refresh_token
    user, device = auth.authenticate(session, pair.access_token)
    assert (user.id, device) == (rep.id, "dev-1")
    # Only digests are stored.
    hashes = set(session.scalars(select(AuthToken.token_hash)))
    assert pair.access_token not in hashes and len(hashes) == 2
    assert session.get(Device, "dev-1") is not None


def test_the_signed_in_user_has_every_column_and_is_not_the_sessions(session: Session,
                                                                     rep: User) -> None:
    """The user a token check returns (built without the ORM's constructor) holds every
    column's value as the ORM loads it, and belongs to no session."""
    pair = auth.login(session, "rep1", "secret-pw", "dev-1")
    user, _ = auth.authenticate(session, pair.access_token)
    session.expire_all()  # (read back, as stored)
    stored = session.get(User, rep.id)
    assert stored is not None and user is not stored and user not in session
    for column in User.__table__.columns:
        assert getattr(user, column.key) == getattr(stored, column.key), column.key
    assert inspect(user).transient


def test_bad_password_and_unknown_user_get_the_same_error(session: Session, rep: User) -> None:
    with pytest.raises(auth.InvalidCredentials) as bad:
        auth.login(session, "rep1", "wrong", "dev-1")
    with pytest.raises(auth.InvalidCredentials) as unknown:
        auth.login(session, "nobody", "secret-pw", "dev-1")
    assert bad.value.code == unknown.value.code == "invalid_credentials"
    assert bad.value.message == unknown.value.message
    assert bad.value.message_zh == "用户名或密码错误"


def test_inactive_user_is_refused(session: Session, rep: User) -> None:
    pair = auth.login(session, "rep1", "secret-pw", "dev-1")
    rep.active = False
    session.commit()
    with pytest.raises(auth.UserInactive):
        auth.login(session, "rep1", "secret-pw", "dev-1")
    with pytest.raises(auth.UserInactive):
        auth.authenticate(session, pair.access_token)
    with pytest.raises(auth.UserInactive):
        auth.refresh_tokens(session, pair.refresh_token, "dev-1")


def test_refresh_rotates(session: Session, rep: User) -> None:
    first = auth.login(session, "rep1", "secret-pw", "dev-1")
    second = auth.refresh_tokens(session, first.refresh_token, "dev-1")
    assert second.family == first.family
    assert second.refresh_token != first.refresh_token
    assert auth.authenticate(session, second.access_token)[0].id == rep.id
    third = auth.refresh_tokens(session, second.refresh_token, "dev-1")
    assert auth.authenticate(session, third.access_token)[0].id == rep.id


def test_refresh_reuse_revokes_the_family(session: Session, rep: User) -> None:
    first = auth.login(session, "rep1", "secret-pw", "dev-1")
    other = auth.login(session, "rep1", "secret-pw", "dev-1")  # another sign-in: not affected
    second = auth.refresh_tokens(session, first.refresh_token, "dev-1")
    with pytest.raises(auth.TokenRevoked):
        auth.refresh_tokens(session, first.refresh_token, "dev-1")  # the thief, or the victim
    for token in (second.access_token, first.access_token):
        with pytest.raises(auth.TokenRevoked):
            auth.authenticate(session, token)
    with pytest.raises(auth.TokenRevoked):
        auth.refresh_tokens(session, second.refresh_token, "dev-1")
    assert auth.authenticate(session, other.access_token)[0].id == rep.id


def test_refresh_from_another_device_is_invalid(session: Session, rep: User) -> None:
    pair = auth.login(session, "rep1", "secret-pw", "dev-1")
    with pytest.raises(auth.TokenInvalid):
        auth.refresh_tokens(session, pair.refresh_token, "dev-2")
    with pytest.raises(auth.TokenInvalid):
        auth.refresh_tokens(session, pair.access_token, "dev-1")  # wrong kind
    with pytest.raises(auth.TokenInvalid):
        auth.authenticate(session, pair.refresh_token)
    with pytest.raises(auth.TokenInvalid):
        auth.authenticate(session, "garbage")


def test_expiry_with_a_fake_clock(
    session: Session, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = auth.login(session, "rep1", "secret-pw", "dev-1")
    now = dt.datetime.now(dt.UTC)
    monkeypatch.setattr(tokens, "utcnow", lambda: now + auth.ACCESS_TTL + dt.timedelta(seconds=1))
    with pytest.raises(auth.TokenExpired):
        auth.authenticate(session, pair.access_token)
    fresh = auth.refresh_tokens(session, pair.refresh_token, "dev-1")
    assert auth.authenticate(session, fresh.access_token)[0].id == rep.id
    monkeypatch.setattr(tokens, "utcnow", lambda: now + auth.REFRESH_TTL * 2)
    with pytest.raises(auth.TokenExpired):
        auth.refresh_tokens(session, fresh.refresh_token, "dev-1")


def test_ttls_can_be_overridden(
    session: Session, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tokens, "ACCESS_TTL", dt.timedelta(seconds=-1))
    pair = auth.login(session, "rep1", "secret-pw", "dev-1")
    with pytest.raises(auth.TokenExpired) as exc:
        auth.authenticate(session, pair.access_token)
    assert exc.value.code == "token_expired"


def test_device_of_another_user_conflicts(session: Session, rep: User) -> None:
    auth.create_user(session, "rep2", "secret-pw", "sales_rep")
    auth.login(session, "rep1", "secret-pw", "shared-pc")
    with pytest.raises(auth.DeviceConflict) as exc:
        auth.login(session, "rep2", "secret-pw", "shared-pc")
    assert exc.value.code == "device_conflict"


def test_logout_revokes_the_sign_in(session: Session, rep: User) -> None:
    pair = auth.login(session, "rep1", "secret-pw", "dev-1")
    auth.logout(session, pair.access_token)
    auth.logout(session, pair.refresh_token)  # idempotent
    with pytest.raises(auth.TokenRevoked):
        auth.authenticate(session, pair.access_token)
    with pytest.raises(auth.TokenRevoked):
        auth.refresh_tokens(session, pair.refresh_token, "dev-1")


def test_refresh_after_logout_says_signed_out_and_reuse_says_used_twice(
    session: Session, rep: User
) -> None:
    pair = auth.login(session, "rep1", "secret-pw", "dev-1")
    auth.logout(session, pair.access_token)
    with pytest.raises(auth.TokenRevoked) as out:
        auth.refresh_tokens(session, pair.refresh_token, "dev-1")
    assert out.value.message == "this session was signed out; sign in again"
    assert out.value.message_zh == "该登录已退出，请重新登录"
    first = auth.login(session, "rep1", "secret-pw", "dev-1")
    auth.refresh_tokens(session, first.refresh_token, "dev-1")
    with pytest.raises(auth.TokenRevoked) as reused:
        auth.refresh_tokens(session, first.refresh_token, "dev-1")
    assert "used twice" in reused.value.message and "重复使用" in reused.value.message_zh
    # The family is revoked now: presenting it again says so, as after a logout.
    with pytest.raises(auth.TokenRevoked) as again:
        auth.refresh_tokens(session, first.refresh_token, "dev-1")
    assert again.value.message == "this session was signed out; sign in again"


def test_create_user_validates(session: Session, rep: User) -> None:
    cases = [
        (("x", "secret-pw", "sales_rep"), {}, "invalid_username"),
        (("bad name", "secret-pw", "sales_rep"), {}, "invalid_username"),
        (("ok", "abc", "sales_rep"), {}, "password_too_short"),
        (("ok", "secret7", "sales_rep"), {}, "password_too_short"),  # 8 for new passwords
        (("ok", "secret7", "sales_rep"), {"demo_account": True}, "password_too_short"),
        (("ok", "secret\x00pw", "sales_rep"), {}, "text_control_char"),
        (("ok", "secret-pw", "sales_rep"), {"display_name": "王" * 201}, "text_too_long"),
        (("ok", "secret-pw", "boss"), {}, "invalid_role"),
        (("ok", "secret-pw", "system"), {}, "invalid_role"),
        (("ok", "secret-pw", "warehouse_clerk"), {}, "warehouse_required"),
        (("ok", "secret-pw", "store_owner"), {"customer_id": 999}, "customer_required"),
        (("ok", "secret-pw", "sales_rep"), {"warehouse_id": 1}, "not_allowed"),
        (("REP1", "secret-pw", "sales_rep"), {}, "username_taken"),
    ]
    for args, kwargs, code in cases:
        with pytest.raises(auth.UserValidationError) as exc:
            auth.create_user(session, *args, **kwargs)  # type: ignore[arg-type]
        assert exc.value.code == code, args
    wh = Warehouse(code="SH", name="上海仓", version=1)
    session.add(wh)
    session.commit()
    clerk = auth.create_user(session, "clerk1", "secret-pw", "warehouse_clerk", warehouse_id=wh.id)
    assert clerk.display_name == "clerk1" and clerk.warehouse_id == wh.id


def test_outdated_hash_is_upgraded_on_login(session: Session, rep: User,
                                            production_hashing: None) -> None:
    from argon2 import PasswordHasher

    rep.password_hash = PasswordHasher(time_cost=1, memory_cost=8192).hash("secret-pw")
    session.commit()
    auth.login(session, "rep1", "secret-pw", "dev-1")
    session.refresh(rep)
    assert "t=1," not in rep.password_hash
    assert auth.verify_password(rep.password_hash, "secret-pw")
