"""The permission matrix: every URL of the project (pages and API, walked from the resolver), by GET and by
POST, as every role, with its path filled with each object set of ``matrix_world`` — a unit's own line, the
cooperating line on the task it leads, another unit's own task, the other city — against ``EXPECTED``, a
table written out by hand from the rules:

- a unit sees only its own work, plus, for the lead unit, its cooperating units' lines on the tasks it leads
  and their sent reports; a draft is seen by its own unit only;
- leaders, inspectors and the office see their region; nothing of another region;
- out of scope → 404; visible but not allowed → 403; deny by default.

Outcomes: ``ok`` (the access decision let the request through: 2xx, a redirect not to the login page, or
400/409/422 from the checks behind it), ``403``, ``404``, ``405`` (the route does not take the method) and
``login`` (sent to sign in: a redirect to the login page, or 401). POSTs carry a minimal valid body (the
API's from its OpenAPI schema, the forms' below), so a write reaches the service that decides who may make
it. Each cell is one request in its own rolled-back transaction; the world is built once per module.

Every answer is also searched for the ``mk-…`` markers of things its reader may not see (``MARKERS``).

A route missing from the table fails: a new page needs an explicit decision here."""

from __future__ import annotations

from collections import Counter
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import resolve
from django.urls.exceptions import Resolver404

from tests.security import (
    matrix_alerts,
    matrix_assessment,
    matrix_auditlog,
    matrix_cascade,
    matrix_coverage,
    matrix_handover,
    matrix_health,
    matrix_instructions,
    matrix_leaders3,
    matrix_lookback,
    matrix_onboarding,
    matrix_people,
    matrix_plans,
    matrix_profile,
    matrix_regulations,
    matrix_reports,
    matrix_second_factor,
    matrix_signin,
    matrix_sources,
    matrix_units,
    matrix_workbench,
)
from tests.security.matrix_world import MARKERS, OBJECT_SETS, PEOPLE, build_world
from tests.security.walker import ROUTES, Route, post_body, url_for

METHODS = ("GET", "POST")

# ---- the expected table ----
#
# A row per route and method, a cell per person (columns: PEOPLE). A cell holds one outcome per object set,
# in the order a1 a2c a2 b — U1's lead line · U2's cooperating line on the task U1 leads · U2's own task ·
# region B — or, for a route without ids in its path, one outcome:
#
#   +  allowed    3  403 forbidden    4  404 hidden    5  405 method not taken    L  sent to sign in
#
# An inspector (督查员) holds no role any write asks for: like a leader, a reader of the region.
OUTCOMES = {"+": "ok", "3": "403", "4": "404", "5": "405", "L": "login"}

EXPECTED_TABLE: dict[str, dict[str, str]] = {
    # OA office_a, LA leader_a, IA inspector_a, L1/H1 liaison/head of U1, L2/H2 of U2, OB office_b,
    # SA/SE/AU the system, security and audit administrators of region A (三员: no business page, no API)
    #            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
    # -- public routes (a signed-in user is sent on from the login page; signing out ends at it)
    "login": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    "logout": {
        "GET":  "5    5    5    5    5    5    5    5    5    5    5",
        "POST": "L    L    L    L    L    L    L    L    L    L    L",
    },
    "set_language": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    "healthz": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "5    5    5    5    5    5    5    5    5    5    5",
    },
    # -- pages without an object: any role, or the roles named
    # an administrator (三员) is sent to their 管理首页
    "home": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    "plan_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "+    +    +    +    +    +    +    +    3    3    3",
    },
    "dashboard /dashboard/": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "+    +    +    +    +    +    +    +    3    3    3",
    },
    "my_tasks": {
        "GET":  "3    3    3    +    +    +    +    3    3    3    3",
        "POST": "3    3    3    +    +    +    +    3    3    3    3",
    },
    "my_tasks_export": {
        "GET":  "3    3    3    +    +    +    +    3    3    3    3",
        "POST": "3    3    3    +    +    +    +    3    3    3    3",
    },
    # 审核: unit heads and the office; leaders and inspectors review nothing
    "review_list": {
        "GET":  "+    3    3    3    +    3    +    +    3    3    3",
        "POST": "5    3    3    3    5    3    5    5    3    3    3",
    },
    # 方案导入, office admins only. Nothing in progress in the session: back to the upload (a redirect).
    # <task_id> is a row of the preview in the session, not a Task: the object sets do not matter.
    "plan_import": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "plan_import_preview": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "plan_import_discard": {
        "GET":  "5    5    5    5    5    5    5    5    5    5    5",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    # 泛称的单位 (?word=…&row=…): with nothing in progress, back to the upload like the preview
    "plan_import_wildcard": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "plan_import_task": {
        "GET":  "++++ 3333 3333 3333 3333 3333 3333 ++++ 3333 3333 3333",
        "POST": "++++ 3333 3333 3333 3333 3333 3333 ++++ 3333 3333 3333",
    },
    "plan_import_task_edit": {
        "GET":  "++++ 3333 3333 3333 3333 3333 3333 ++++ 3333 3333 3333",
        "POST": "++++ 3333 3333 3333 3333 3333 3333 ++++ 3333 3333 3333",
    },
    "plan_import_task_delete": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "++++ 3333 3333 3333 3333 3333 3333 ++++ 3333 3333 3333",
    },
    # -- a plan: whoever sees it (its region, or a line of it); a1, a2c and a2 all name plan A
    "plan_detail": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
    },
    "dashboard /plans/<int:plan_id>/dashboard/": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
    },
    "plan_ledger": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
    },
    "plan_ledger_export": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
    },
    # the same export as PDF (tests/security/conftest.py: no LibreOffice here, so an allowed cell is a 409)
    "plan_ledger_export_pdf": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # the source file and 发布: the office of the plan's region (plan already published: a message, 302)
    "plan_source": {
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "plan_publish": {  # GET: the confirmation page (lib.confirm)
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # -- a task: whoever sees a line of it (a1 and a2c name T1; U1 has no line on U2's own task T2)
    "task_detail": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
        "POST": "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
    },
    # -- a ledger line. 分解: its own unit and the office; leaders and inspectors read only
    "assignment_edit": {
        "GET":  "+++4 3333 3333 +344 +344 4++4 4++4 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 +344 +344 4++4 4++4 444+ 3333 3333 3333",
    },
    # its periods and the report of a period: whoever sees the line (a draft's text only its own unit);
    # written by the line's liaison while not sent (a2c: approved, locked → 403)
    "report_periods": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "report_edit": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 4++4 4++4 444+ 3333 3333 3333",
        "POST": "3334 3334 3334 +344 3344 43+4 4334 4443 3333 3333 3333",
    },
    # -- a report and its files: as its line, but U2's draft (a2) is U2's alone
    "evidence_download": {
        "GET":  "++44 ++44 ++44 ++44 ++44 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # files are added by the report's own liaison (a2c: locked → 422)
    "evidence_upload": {
        "GET":  "3333 3333 3333 5555 3333 5555 3333 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +344 3333 4++4 3333 3333 3333 3333 3333",
    },
    # files before the first save (the period's report, created if none) and removing a file: the same
    # liaison, while the report is written (a2c: U1 is not U2's liaison → 403; U2's is approved → 422)
    "evidence_upload_first": {
        "GET":  "3333 3333 3333 5555 3333 5555 3333 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +344 3333 4++4 3333 3333 3333 3333 3333",
    },
    "evidence_remove": {
        "GET":  "3333 3333 3333 5555 3333 5555 3333 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +344 3333 4++4 3333 3333 3333 3333 3333",
    },
    # 审核 (body: action=return): who returns depends on where the report waits — its unit head a
    # submitted one (b), the office an approved one (a2c), either a returned (a1) or draft (a2) one,
    # which the state then refuses (422). See KNOWN_BUGS.
    "report_review": {
        "GET":  "5555 3333 3333 3333 5555 3333 5555 5555 3333 3333 3333",
        "POST": "++44 3333 3333 3333 +344 3333 43+4 4443 3333 3333 3333",
    },
    # -- circulars (通报): the office of the region writes (drafts its own: a2); leaders and inspectors read
    # the published; a unit reads the published ones naming it (a1 names U1, a2c U2); nothing of region B
    "circular_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "circular_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "circular_templates": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    # 发文机关设置: the office of its own region (a POST; the region is the office's, not in the path)
    "circular_issuer": {
        "GET":  "5    5    5    5    5    5    5    5    5    5    5",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "circular_template_download": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "5    3    3    3    3    3    3    5    3    3    3",
    },
    "circular_detail": {
        "GET":  "+++4 ++44 ++44 +444 +444 4+44 4+44 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "circular_download": {
        "GET":  "+++4 ++44 ++44 +444 +444 4+44 4+44 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "circular_download_pdf": {
        "GET":  "+++4 ++44 ++44 +444 +444 4+44 4+44 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # edit and publish: the office of the circular's region (a published one: a message, 302)
    "circular_edit": {
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "circular_publish": {  # GET: the confirmation page (lib.confirm)
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # -- the inbox (消息): every role-holder's own; a message is its recipient's alone (a1 → L1, a2c → H2,
    # a2 → L2, b → OB)
    "notification_inbox": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "notification_badge": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "notification_read_all": {
        "GET":  "5    5    5    5    5    5    5    5    5    5    5",
        "POST": "+    +    +    +    +    +    +    +    3    3    3",
    },
    "notification_read": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "4444 4444 4444 +444 4444 44+4 4+44 444+ 3333 3333 3333",
    },
    # -- inspections (督办检查). a1: open, U1 and U2; a2c: covert, NOT published, U1 and U2; a2: covert,
    # published, U2 only; b: region B. The office side (office, leaders, inspectors) reads all of its region,
    # covert ones too; a unit only the revealed ones naming it, and of their findings only its own.
    "inspection_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "inspection_coverage": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "inspection_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "inspection_detail": {
        "GET":  "+++4 +++4 +++4 +444 +444 +4+4 +4+4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # the office's steps and findings: office admins of the region (the state or version may refuse: 422/409)
    "inspection_step": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "finding_create": {
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # a finding's file: as the finding (a1 is U1's, a2c U2's but unpublished, a2 U2's)
    "finding_evidence_download": {
        "GET":  "+++4 +++4 +++4 +444 +444 44+4 44+4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # -- rectification (整改, 销号). Items: a1 U1's in progress; a2c U2's awaiting verification; a2 U2's
    # closed; b UB's. A unit reads its own, the region's office side all of the region.
    "rectification_ledger": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "rectification_export": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "rectification_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "rectification_from_finding": {
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "rectification_detail": {
        "GET":  "+++4 +++4 +++4 +444 +444 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "rectification_evidence_download": {
        "GET":  "+++4 +++4 +++4 +444 +444 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # the unit's liaison or head reports and applies (a2c waiting, a2 closed: the state refuses, 422)
    "rectification_progress": {
        "GET":  "3333 3333 3333 5555 5555 5555 5555 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +444 +444 4++4 4++4 3333 3333 3333 3333",
    },
    "rectification_closeout": {
        "GET":  "3333 3333 3333 5555 5555 5555 5555 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +444 +444 4++4 4++4 3333 3333 3333 3333",
    },
    # the office covering the unit verifies (only a2c waits; the others' state refuses, 422)
    "rectification_verify": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # -- supervision orders (督办单). a1: order A, U1's reply (sent, waits for the office); a2c: order A,
    # U2's reply (returned); a2: order A2 to U2 only, U2's reply pending; b: region B. The region's office,
    # leaders and inspectors read every reply; a unit the orders addressed to it and only its own reply.
    "order_list": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
    "order_overdue": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
    "order_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "order_inbox": {
        "GET":  "3    3    3    +    +    +    +    3    3    3    3",
        "POST": "3    3    3    5    5    5    5    3    3    3    3",
    },
    "order_detail": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # 下发, 办结: the office of the order's region (issued already, replies open: the state refuses, 422)
    "order_issue": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "order_close": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # the reply and its files: the unit's liaison or head, on its own reply only (another unit's: 404)
    "order_reply": {
        "GET":  "3333 3333 3333 5555 5555 5555 5555 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +444 +444 4++4 4++4 3333 3333 3333 3333",
    },
    "order_evidence_upload": {
        "GET":  "3333 3333 3333 5555 5555 5555 5555 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +444 +444 4++4 4++4 3333 3333 3333 3333",
    },
    "order_evidence_download": {
        "GET":  "+++4 +++4 +++4 +444 +444 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # 采纳 / 退回: the office of the order's region (only a1 waits; the others' state refuses, 422)
    "order_decide": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # -- 看效果/查进度/问原因 of a plan: the region's office side; the reasons: the line's own unit (the lead
    # unit reads its cooperating line a2c but does not answer for it: 403)
    "plan_review3": {
        "GET":  "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
    },
    "explanation_list": {
        "GET":  "3    3    3    +    +    +    +    3    3    3    3",
        "POST": "3    3    3    5    5    5    5    3    3    3    3",
    },
    "explanation_give": {
        "GET":  "3333 3333 3333 5555 5555 5555 5555 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +344 +344 4++4 4++4 3333 3333 3333 3333",
    },
    # -- key regulations (重点制度): units name theirs (none chosen: the count refuses, 422); the office
    # side reads the overview
    "keyreg_edit": {
        "GET":  "3    3    3    +    +    +    +    3    3    3    3",
        "POST": "3    3    3    +    +    +    +    3    3    3    3",
    },
    "keyreg_overview": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
    # -- the API, with the pages' signed-in session. Its root has no page (no docs: no CDN).
    "api-v1:api-root": {
        "GET":  "4    4    4    4    4    4    4    4    4    4    4",
        "POST": "4    4    4    4    4    4    4    4    4    4    4",
    },
    # the schema and the lists: any role (each list holds what its caller may see)
    "api-v1:openapi-json": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "+    +    +    +    +    +    +    +    3    3    3",
    },
    "api-v1:list_plans": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    5    5    5",
    },
    # one plan, line, report: as the pages; writes: report_edit's and report_review's rules
    "api-v1:get_plan": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    },
    "api-v1:list_plan_tasks": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    },
    "api-v1:list_assignments": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    5    5    5",
    },
    "api-v1:get_assignment": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    },
    # 填报: the line's liaison (a2c: locked → 422, where report_edit's form answers 403)
    "api-v1:save_report": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "3334 3334 3334 +344 3344 4++4 4334 4443 3333 3333 3333",
    },
    "api-v1:list_reports": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    5    5    5",
    },
    "api-v1:get_report": {
        "GET":  "++44 ++44 ++44 ++44 ++44 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    },
    "api-v1:submit_report": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "3344 3344 3344 +344 3344 4++4 4334 4443 3333 3333 3333",
    },
    "api-v1:approve_report": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "3344 3344 3344 3344 +344 4334 4++4 4443 3333 3333 3333",
    },
    "api-v1:accept_report": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "++44 3344 3344 3344 3344 4334 4334 444+ 3333 3333 3333",
    },
    "api-v1:return_report": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "++44 3344 3344 3344 +344 4334 43+4 4443 3333 3333 3333",
    },
}  # fmt: skip
# Each later area keeps its rows beside its world (tests/security/matrix_<area>.py).
AREAS = (
    matrix_assessment,
    matrix_coverage,
    matrix_alerts,
    matrix_regulations,
    matrix_units,
    matrix_people,
    matrix_profile,
    matrix_onboarding,
    matrix_plans,
    matrix_auditlog,
    matrix_signin,
    matrix_health,
    matrix_second_factor,
    matrix_reports,
    matrix_workbench,
    matrix_handover,
    matrix_sources,
    matrix_cascade,
    matrix_leaders3,
    matrix_lookback,
    matrix_instructions,
)
for _area in AREAS:
    assert not set(_area.EXPECTED_ROWS) & set(EXPECTED_TABLE), _area.__name__
    EXPECTED_TABLE.update(_area.EXPECTED_ROWS)

# Cells where the code answers otherwise than it should, with why. Each runs as a strict xfail: fixing the
# view makes it pass, and then it must leave this list.
KNOWN_BUGS: dict[tuple[str, str, str, str], str] = {
    # key, method, person, object set → the bug, as a strict xfail until it is fixed
}  # fmt: skip


def _cells(row: str) -> dict[str, dict[str, str]]:
    """A row of the table: person → object set → outcome."""
    cells = row.split()
    assert len(cells) == len(PEOPLE), f"a row has a cell per person: {row!r}"
    expanded = {}
    for person, cell in zip(PEOPLE, cells, strict=True):
        assert len(cell) in (1, len(OBJECT_SETS)) and set(cell) <= set(OUTCOMES), f"{person}: {cell!r}"
        codes = cell * len(OBJECT_SETS) if len(cell) == 1 else cell
        expanded[person] = {objects: OUTCOMES[code] for objects, code in zip(OBJECT_SETS, codes, strict=True)}
    return expanded


# URL key → method → person → object set → outcome.
EXPECTED: dict[str, dict[str, dict[str, dict[str, str]]]] = {
    key: {method: _cells(row) for method, row in rows.items()} for key, rows in EXPECTED_TABLE.items()
}

# ---- the routes and the cells ----

_NAMES = Counter(route.name for route in ROUTES)


def route_key(route: Route) -> str:
    """The route's URL name; with the path beside it when two routes share a name (``dashboard``)."""
    name = route.name or "(unnamed)"
    return name if _NAMES[route.name] == 1 and route.name else f"{name} /{route.route}"


ROUTE_BY_KEY = {route_key(route): route for route in ROUTES}


def _matrix():
    for key, route in ROUTE_BY_KEY.items():
        if key not in EXPECTED:  # one failure for the route, not one per cell
            yield pytest.param(key, None, None, None, id=f"{key}-undecided")
            continue
        for method in METHODS:
            for person in PEOPLE:
                for objects in OBJECT_SETS if route.has_params else ("-",):
                    marks = []
                    if bug := KNOWN_BUGS.get((key, method, person, objects)):
                        marks.append(pytest.mark.xfail(strict=True, reason=bug))
                    yield pytest.param(
                        key, method, person, objects, marks=marks, id=f"{key}-{method}-{person}-{objects}"
                    )


class Stage:
    """The world and each of its people signed in once; ``client`` hands out a person's session with only
    its cookie, so nothing (a message, a sign-out) carries over from the test before. The session row
    itself is rolled back with each test, as everything a test writes."""

    def __init__(self):
        self.objects = (world := build_world()).objects
        self._sessions = {}
        for person, user in world.people.items():
            client = Client()
            client.force_login(user)
            self._sessions[person] = (client, client.cookies[settings.SESSION_COOKIE_NAME].value)

    def client(self, person: str) -> Client:
        client, session_key = self._sessions[person]
        client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: session_key})
        return client


@pytest.fixture(autouse=True, scope="module")
def _sessions_outlast_the_run():
    """Each cell runs in a rolled-back transaction, so the sessions' last request is never stored: once the
    module has run longer than the idle limit (15 minutes for the 三员) their sessions would end mid-run and
    every later cell answer "login". Idle timeout has its own tests. Set once for the module (pytest-django's
    ``settings`` fixture costs ~1 ms of CPU a cell)."""
    with override_settings(TAIZHANG_SESSION_IDLE_MINUTES=8 * 60, TAIZHANG_ADMIN_SESSION_IDLE_MINUTES=8 * 60):
        yield


@pytest.fixture(scope="module")
def stage(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at its end; each test's own transaction
    (the ``db`` fixture) is a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield Stage()
        transaction.set_rollback(True)


# ---- asking and judging ----


def _matrix_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("matrix.pdf", b"%PDF-1.4 matrix", "application/pdf")


def _form_body(route: Route) -> dict:
    """A minimal valid form for the pages whose access decision lies behind the form (in the service)."""
    match route.name:
        case "report_edit":
            return {"status": "in_progress", "narrative": "matrix", "action": "save"}
        case "evidence_upload" | "evidence_upload_first":
            return {"files": SimpleUploadedFile("matrix.pdf", b"%PDF-1.4 matrix", "application/pdf")}
        case "report_review":
            return {"action": "return", "reason": "matrix", "expected_version": 1}
        case "plan_publish":
            return {"expected_version": 1}
        case "circular_publish":
            return {"expected_version": 1}
        case "inspection_step":
            return {"action": "start", "expected_version": 1}
        case "finding_create":
            return {"unit": 1, "severity": "general", "description": "matrix"}
        case "rectification_from_finding":
            return {"title": "matrix", "deadline": "2021-06-30"}
        case "rectification_progress":
            return {"text": "matrix"}
        case "rectification_closeout":
            return {"note": "matrix", "expected_version": 1, "files": _matrix_pdf()}
        case "rectification_verify":
            return {"action": "refuse", "note": "matrix", "expected_version": 1}
        case "order_issue" | "order_close":
            return {"expected_version": 1}
        case "order_reply":
            return {"text": "matrix", "expected_version": 1}
        case "order_decide":
            return {"action": "accept", "expected_version": 1}
        case "order_evidence_upload":
            return {"files": _matrix_pdf()}
        case "explanation_give":
            return {"reason": "matrix"}
    for area in AREAS:
        if route.name in area.FORM_BODIES:
            return dict(area.FORM_BODIES[route.name])
    return {}


def ask(client: Client, route: Route, method: str, objects: dict):
    url = url_for(route, objects)
    if method == "GET":
        return client.get(url)
    if route.route.startswith("api/"):
        return client.post(url, post_body(route), content_type="application/json")
    return client.post(url, _form_body(route))


def outcome(response) -> str:
    status = response.status_code
    if status == 401:
        return "login"
    if 300 <= status < 400:
        try:
            target = resolve(response["Location"].split("?")[0]).view_name
        except Resolver404:
            target = None
        return "login" if target == "login" else "ok"
    if 200 <= status < 300 or status in (400, 409, 422):
        return "ok"
    return str(status)


def leaks(response, person: str, key: str = "") -> list[str]:
    """The markers in a text answer that ``person`` may not see."""
    if response.streaming or not response.get("Content-Type", "").startswith(("text/", "application/json")):
        return []
    body = response.content.decode()
    return [
        marker
        for marker, readers in MARKERS.items()
        if person not in readers
        and marker in body
        and not matrix_auditlog.reads_as_region_a(key, person, readers)
    ]


# ---- the tests ----


def test_every_route_has_a_decision_and_every_decision_a_route():
    routes, decided = set(ROUTE_BY_KEY), set(EXPECTED)
    assert not routes - decided, (
        f"routes missing from EXPECTED_TABLE: decide who may open them: {routes - decided}"
    )
    assert not decided - routes, f"EXPECTED_TABLE names routes that do not exist: {decided - routes}"
    for key, rows in EXPECTED_TABLE.items():
        assert set(rows) == set(METHODS), f"{key}: give an outcome for GET and for POST"
        width = len(OBJECT_SETS) if ROUTE_BY_KEY[key].has_params else 1
        for method, row in rows.items():
            assert {len(cell) for cell in row.split()} == {width}, (
                f"{key} {method}: {width} outcome(s) a cell (one per object set when the path names one)"
            )


@pytest.mark.parametrize(("key", "method", "person", "objects"), list(_matrix()))
def test_access(stage, db, key, method, person, objects):
    assert key in EXPECTED, f"{key} is not in EXPECTED_TABLE: decide who may open it, as whom"
    objects = "a1" if objects == "-" else objects  # a path without ids: any set fills it
    response = ask(stage.client(person), ROUTE_BY_KEY[key], method, stage.objects[objects])
    expected = EXPECTED[key][method][person][objects]
    assert outcome(response) == expected, f"{method} {response.request['PATH_INFO']}: {response.status_code}"
    assert not leaks(response, person, key), f"{person} was shown what is not theirs to see"


def test_the_leak_search_would_see_a_leak(stage, db):
    """Not vacuous: the lead unit's liaison is shown the cooperating unit's report, its file and the task,
    a page that would be a leak before the office of the other city; and U1's report, by the API, would be
    one before U2."""
    page = ask(stage.client("liaison_u1"), ROUTE_BY_KEY["report_edit"], "GET", stage.objects["a2c"])
    assert leaks(page, "liaison_u1") == []
    assert {"mk-a2c-narr", "mk-a2c-ev", "mk-t1-task"} <= set(leaks(page, "office_b"))
    report = ask(stage.client("liaison_u1"), ROUTE_BY_KEY["api-v1:get_report"], "GET", stage.objects["a1"])
    assert leaks(report, "liaison_u1") == [] and "mk-a1-narr" in leaks(report, "liaison_u2")


def _cell(key: str, method: str, person: str, objects: str) -> str:
    return EXPECTED[key][method][person][objects]


def test_the_table_keeps_the_key_cases():
    """The rules the table must keep, whatever else is edited in it."""
    for key in ("api-v1:get_assignment", "report_periods", "api-v1:get_report", "evidence_download"):
        assert _cell(key, "GET", "liaison_u1", "a2") == "404"  # U2's own task, asked for by id
        assert _cell(key, "GET", "liaison_u1", "a2c") == "ok"  # U2's line on the task U1 leads: read …
        assert _cell(key, "GET", "office_b", "a1") == "404"  # another region
    for key in ("report_edit", "evidence_upload", "api-v1:save_report", "api-v1:submit_report"):
        assert _cell(key, "POST", "liaison_u1", "a2c") == "403"  # … but not written
    for key in ("report_review", "api-v1:approve_report"):
        assert _cell(key, "POST", "head_u1", "a2") == "404"  # a unit head on another unit's report
        assert _cell(key, "POST", "head_u1", "a2c") == "403"  # … or on one the lead unit reads
    for key in ("plan_detail", "plan_ledger", "task_detail", "plan_source"):
        assert _cell(key, "GET", "office_b", "a1") == "404"
    writes = ("assignment_edit", "report_edit", "evidence_upload", "report_review", "plan_publish")
    for key in (*writes, "api-v1:save_report", "api-v1:submit_report", "api-v1:approve_report",
                "api-v1:accept_report", "api-v1:return_report"):  # fmt: skip
        assert _cell(key, "POST", "leader_a", "a1") == "403"  # leaders read only
    for key in ("inspection_detail", "finding_evidence_download"):  # covert, not yet published (a2c)
        assert _cell(key, "GET", "liaison_u2", "a2c") == "404"
        assert _cell(key, "GET", "leader_a", "a2c") == "ok"
    for key in ("finding_evidence_download", "rectification_detail", "rectification_evidence_download"):
        assert _cell(key, "GET", "liaison_u1", "a2") == "404"  # another unit's finding or item, by id
    for key in ("inspection_step", "finding_create", "rectification_verify", "rectification_from_finding"):
        assert _cell(key, "POST", "leader_a", "a1") == "403"  # the office acts; leaders read
    for key, methods in EXPECTED.items():  # an inspector is a reader of the region, like a leader …
        # … except that a leader approves an assessment's results, has a page of their own (我的联系点) and
        # writes instructions (批示); and a follow (关注) is its own follower's, whoever that is in each
        # object set
        if key in ("assessment_approval", "leader_mine", "follow_seen", "unfollow") or key.startswith(
            "instruction_write_"
        ):
            continue
        for method, people in methods.items():
            assert people["inspector_a"] == people["leader_a"], (key, method)
