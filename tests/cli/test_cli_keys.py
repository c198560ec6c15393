"""`taizhang keys init`, as an operator runs it: a new owner-only keyring file, never an overwrite."""

import stat

from taizhang.cli import EXIT_BAD_INPUT, main


def test_keys_init_writes_an_owner_only_keyring_to_the_file_named(tmp_path, monkeypatch, capsys):
    path = tmp_path / "keys"
    monkeypatch.setenv("TAIZHANG_KEY_FILE", str(path))
    assert main(["keys", "init"]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "k1" in path.read_text()
    assert str(path) in capsys.readouterr().out


def test_keys_init_refuses_to_overwrite_and_says_so(tmp_path, capsys):
    path = tmp_path / "keys"
    assert main(["keys", "init", "--file", str(path), "--id", "2025a"]) == 0
    before = path.read_text()
    assert main(["keys", "init", "--file", str(path)]) == EXIT_BAD_INPUT
    assert "不覆盖" in capsys.readouterr().err
    assert path.read_text() == before


def test_keys_init_without_a_file_named_says_how(monkeypatch, capsys):
    monkeypatch.delenv("TAIZHANG_KEY_FILE", raising=False)
    assert main(["keys", "init"]) == EXIT_BAD_INPUT
    assert "TAIZHANG_KEY_FILE" in capsys.readouterr().err
