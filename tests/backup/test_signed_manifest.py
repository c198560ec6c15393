"""The manifest is signed (HMAC-SM3 under the keyring's current key, its id named), so an edit of the
manifest — and with it a file changed together with its digest — is refused by ``backup verify`` and
``restore`` before anything is written. Without a keyring (development) the backup says it is unsigned and
every check of it warns; an installation that has a keyring restores an unsigned backup only when told."""

import hashlib
import io
import json
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.lib import keys
from tests.backup.installation import backup, manifest, populate
from tests.worlds import media_root  # noqa: F401

pytestmark = [
    pytest.mark.usefixtures("english_operator"),  # the assertions read the English output
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media_root"),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the manifest is the same there"
    ),
]


def _made(tmp_path):
    populate()
    dest = tmp_path / "backups"
    dest.mkdir()
    code, _, err, folder = backup(dest)
    assert code == 0, err
    return folder, err


@pytest.fixture
def signed(tmp_path, keyring_file):
    return _made(tmp_path)[0]


def _edit(folder, change) -> None:
    data = manifest(folder)
    change(data)
    (folder / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))


def _verify_refused(folder) -> CommandError:
    with pytest.raises(CommandError) as refused:
        call_command("backup", "verify", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
    assert refused.value.returncode == 2
    return refused.value


def test_the_manifest_names_its_algorithm_and_key(signed):
    signature = manifest(signed)["signature"]
    assert signature["algorithm"] == "HMAC-SM3" and signature["key"] == keys.keyring().current.kid
    assert len(signature["mac"]) == 64


def test_an_altered_manifest_is_refused(signed):
    _edit(signed, lambda data: data["counts"].update(reports_reportfile=1))
    assert "the manifest was edited" in str(_verify_refused(signed))


def test_a_file_changed_together_with_its_digest_is_refused(signed):
    name, _meta = next(iter(manifest(signed)["files"].items()))
    forged = b"%PDF-1.4 a different rectification plan"
    (signed / "files" / name).write_bytes(forged)
    _edit(signed, lambda data: data["files"][name].update(sha256=hashlib.sha256(forged).hexdigest()))
    refused = _verify_refused(signed)
    assert "signature" in str(refused) and "digest differs" not in str(refused)
    with pytest.raises(CommandError, match="the manifest was edited") as restore:
        call_command("restore", str(signed))
    assert "nothing written" in str(restore.value)


def test_a_keyring_without_the_signing_key_is_told_to_restore_it(signed, tmp_path, monkeypatch):
    other = tmp_path / "other-keyring"
    keys.keyring_init(other, kid="k9")
    monkeypatch.setenv(keys.ENV_FILE, str(other))
    assert "restore the backed-up installation's keyring" in str(_verify_refused(signed))


def test_without_a_keyring_the_backup_says_it_is_unsigned_and_verify_warns(tmp_path):
    assert not keys.configured()
    folder, made_err = _made(tmp_path)
    assert manifest(folder)["signature"]["algorithm"] == "none"
    assert "unsigned" in made_err
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", "verify", str(folder), stdout=out, stderr=err)
    assert "backup verified" in out.getvalue() and "the backup is unsigned" in err.getvalue()


def test_an_installation_with_a_keyring_restores_an_unsigned_backup_only_when_told(tmp_path, monkeypatch):
    folder, _ = _made(tmp_path)
    keys.keyring()
    monkeypatch.setenv(keys.ENV_FILE, str(keys.keyring_file()))
    with pytest.raises(CommandError, match="--allow-unsigned") as refused:
        call_command("restore", str(folder))
    assert refused.value.returncode == 2
    with pytest.raises(CommandError, match="not empty"):  # past the signature: the next check speaks
        call_command("restore", str(folder), "--allow-unsigned")
