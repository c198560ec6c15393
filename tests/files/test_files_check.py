"""``taizhang files check``: orphans, missing and damaged files named; exit 1 for missing or damaged;
``--clean`` removes only orphans older than the threshold, in one audit entry."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from taizhang.audit.models import AuditEvent
from taizhang.files.storage import blob_store
from tests.worlds import media_root  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("files", "check", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def _orphan(media_root, name, *, hours_old):  # noqa: F811
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"left behind")
    then = time.time() - hours_old * 3600
    os.utime(path, (then, then))
    return path


def test_a_sound_store_passes_and_names_no_problem(media_root):  # noqa: F811
    blob_store(ContentFile(b"%PDF-1.4 a"), content_type="application/pdf")
    code, out, _ = _run()
    assert code == 0 and "1 stored, 1 named; 0 missing, 0 damaged, 0 orphans" in out


def test_missing_and_damaged_files_fail_the_check(media_root):  # noqa: F811
    gone = blob_store(ContentFile(b"%PDF-1.4 gone"), content_type="application/pdf")
    hurt = blob_store(ContentFile(b"%PDF-1.4 hurt"), content_type="application/pdf")
    (media_root / gone.file.name).unlink()
    (media_root / hurt.file.name).write_bytes(b"%PDF-1.4 hurT")
    code, _, err = _run()
    assert code == 1
    assert f"MISSING {gone.file.name}" in err and f"DAMAGED {hurt.file.name}" in err


def test_clean_removes_old_orphans_only_and_audits_it(media_root):  # noqa: F811
    kept = blob_store(ContentFile(b"%PDF-1.4 kept"), content_type="application/pdf")
    old = _orphan(media_root, "evidence/ab/.tmp-crashed", hours_old=30)
    young = _orphan(media_root, "evidence/cd/" + "c" * 64, hours_old=2)
    code, out, _ = _run("--clean")
    assert code == 0
    assert not old.exists() and young.exists() and (media_root / kept.file.name).exists()
    assert "REMOVED evidence/ab/.tmp-crashed" in out and f"ORPHAN evidence/cd/{'c' * 64}" in out
    event = AuditEvent.objects.get(action="files.clean")
    assert event.after["removed"] == 1


def test_older_than_moves_the_threshold_and_a_report_removes_nothing(media_root):  # noqa: F811
    young = _orphan(media_root, "plans/aa/" + "a" * 64, hours_old=2)
    assert _run()[0] == 0 and young.exists()  # without --clean nothing goes
    _run("--clean", "--older-than", "1")
    assert not young.exists()


def test_a_bad_threshold_is_one_bilingual_line():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="须为非负小时数"):
        call_command("files", "check", "--older-than", "soon")
