"""The keyring: read from TAIZHANG_KEY or the file TAIZHANG_KEY_FILE names, never both; the last key is
the current one; a file made by ``keyring_init`` is owner-only and never overwritten."""

import stat

import pytest
from django.core.exceptions import ImproperlyConfigured

from taizhang.lib.gm import sm4_gcm_decrypt, sm4_gcm_encrypt
from taizhang.lib.keys import keyring, keyring_add, keyring_init, keyring_remove, new_key_line, parse_keyring


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv("TAIZHANG_KEY", raising=False)
    monkeypatch.delenv("TAIZHANG_KEY_FILE", raising=False)
    keyring.cache_clear()
    yield
    keyring.cache_clear()


def test_the_last_key_is_current_and_the_older_still_open_what_they_sealed():
    old = parse_keyring(new_key_line("k1"))
    rotated = parse_keyring(_lines(old) + "# rotated 2025-01\n" + new_key_line("k2"))
    assert rotated.current.kid == "k2"
    sealed = sm4_gcm_encrypt(old.current, b"old value")
    assert sm4_gcm_decrypt(rotated.keys, sealed) == b"old value"


def _lines(ring) -> str:
    return "".join(f"{k.kid} {k.master.hex()}\n" for k in ring.keys.values())


@pytest.mark.parametrize(
    ("text", "problem"),
    [("", "no key"), ("k1 abc\n", "line 1"), ("k1 " + "0" * 64 + "\nk1 " + "1" * 64, "used twice")],
)
def test_a_bad_keyring_is_refused_with_the_line(text, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        parse_keyring(text)


def test_keys_come_from_the_file_named(tmp_path, monkeypatch):
    path = tmp_path / "keys"
    keyring_init(path, kid="2025a")
    monkeypatch.setenv("TAIZHANG_KEY_FILE", str(path))
    assert keyring().current.kid == "2025a"


def test_keys_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TAIZHANG_KEY", new_key_line("env1"))
    assert keyring().current.kid == "env1"


def test_without_keys_development_gets_one_owner_only_keyring_in_the_data_dir(settings, tmp_path, caplog):
    settings.DATA_DIR = tmp_path
    first = keyring()
    assert (tmp_path / "keyring").stat().st_mode & 0o777 == 0o600
    assert "production must set TAIZHANG_KEY_FILE" in caplog.text
    keyring.cache_clear()
    assert keyring().current.master == first.current.master  # made once, then read


def test_without_keys_the_deploy_check_warns():
    from taizhang.lib.keys import check_keys_configured

    assert [w.id for w in check_keys_configured()] == ["taizhang.W_KEYS"]


def test_both_sources_is_a_configuration_error(tmp_path, monkeypatch):
    monkeypatch.setenv("TAIZHANG_KEY", new_key_line("k1"))
    monkeypatch.setenv("TAIZHANG_KEY_FILE", str(tmp_path / "keys"))
    with pytest.raises(ImproperlyConfigured, match="not both"):
        keyring()


def test_a_new_keyring_file_is_owner_only_even_under_a_lax_umask(tmp_path):
    import os

    old = os.umask(0)
    try:
        keyring_init(tmp_path / "keys")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o600


def test_an_existing_keyring_file_is_never_overwritten(tmp_path):
    path = tmp_path / "keys"
    keyring_init(path)
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        keyring_init(path)
    assert path.read_bytes() == before


def test_a_keyring_file_changed_on_disk_is_read_again(tmp_path, monkeypatch):
    path = tmp_path / "keys"
    keyring_init(path, kid="k1")
    monkeypatch.setenv("TAIZHANG_KEY_FILE", str(path))
    assert keyring().current.kid == "k1"
    # `keys rotate` in another process appends k2: this process must not go on sealing with k1
    path.write_text(path.read_text() + new_key_line("k2"))
    assert keyring().current.kid == "k2"


def test_keys_are_added_and_removed_in_an_owner_only_file(tmp_path):
    path = tmp_path / "keys"
    keyring_init(path, kid="k1")
    keyring_add(path, "k2")
    with pytest.raises(ValueError, match="already"):
        keyring_add(path, "k2")
    with pytest.raises(ValueError, match="current"):
        keyring_remove(path, "k2")
    keyring_remove(path, "k1")
    assert set(parse_keyring(path.read_text()).keys) == {"k2"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
