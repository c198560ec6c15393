"""Adding a version (制度版本): the text of a regulation as drafted or issued, with its file. An issued
version of a draft (after 立) or of a regulation under revision puts it in force (``lifecycle``)."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.files.checks import upload_check
from taizhang.files.services import attach
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal
from taizhang.regulations import checks
from taizhang.regulations.codes import RegulationCode
from taizhang.regulations.models import Regulation
from taizhang.rulemaking import lifecycle
from taizhang.rulemaking.models import RegulationDecision, RegulationVersion, RegulationVersionFile

_REFUSALS = {
    "abolished": ("制度已废止，不能再添加版本。", "An abolished regulation takes no new version."),
    "not_decided": (
        "起草中的制度须先经评估作出“立”的决定，才能印发。",
        "A draft is issued only after the decision to create it (立) has been evaluated and recorded.",
    ),
}
# The decision a version carries out, by the status it was added in.
_CARRIES_OUT = {
    Regulation.Status.DRAFTING: RegulationDecision.Kind.CREATE,
    Regulation.Status.REVISING: RegulationDecision.Kind.REVISE,
}


def _effect(regulation: Regulation, issued_on: date | None) -> lifecycle.VersionEffect:
    effect = lifecycle.version_effect(
        regulation.status,
        issued=issued_on is not None,
        has_create_decision=regulation.decisions.filter(kind=RegulationDecision.Kind.CREATE).exists(),
    )
    if not effect.allowed:
        zh, en = _REFUSALS[effect.refusal]
        raise Refusal(RegulationCode(effect.refusal), zh, en)
    return effect


def regulation_version_add(
    *,
    actor: User,
    regulation: Regulation,
    file: UploadedFile,
    issued_on: date | None = None,
    doc_number: str = "",
    note: str = "",
) -> RegulationVersion:
    """A new version, numbered after the last, with its file (required). Whoever may edit the regulation
    (``may_edit``). With ``issued_on`` the regulation takes the version's date and 文号, and a draft or a
    revision comes into force."""
    checks.require_edit(actor, regulation)
    checks.check_past(issued_on, field="issued_on")
    doc_number = checks.check_text(doc_number, field="doc_number", max_length=100)
    note = checks.check_text(note, field="note", max_length=500)
    upload = upload_check(file)
    _effect(regulation, issued_on)
    with transaction.atomic():
        locked = Regulation.objects.select_for_update().get(pk=regulation.pk)
        effect = _effect(locked, issued_on)
        last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
        kind = _CARRIES_OUT.get(locked.status)
        decision = locked.decisions.filter(kind=kind).order_by("-decided_on", "-pk").first() if kind else None
        version = RegulationVersion.objects.create(
            regulation=locked,
            number=last + 1,
            issued_on=issued_on,
            doc_number=doc_number,
            note=note,
            decision=decision,
            created_by=actor,
        )
        audit_record(actor=actor, action="regulation.version_add", obj=version, after=snapshot(version))
        attach(RegulationVersionFile, upload=upload, actor=actor, version=version)
        changes = {"status": effect.status} if effect.status != locked.status else {}
        if issued_on is not None:
            changes |= {"issued_on": issued_on} | ({"doc_number": doc_number} if doc_number else {})
        if changes:
            before = snapshot(locked, fields=list(changes))
            save_versioned(locked, expected_version=locked.version, **changes)
            audit_record(
                actor=actor,
                action="regulation.issue" if "status" in changes else "regulation.update",
                obj=locked,
                before=before,
                after=snapshot(locked, fields=list(changes)),
            )
    regulation.refresh_from_db()
    return version
