"""方案修订、版本记录、撤回、草稿编辑 in the permission matrix: the office of the plan's region (plan A
for a1, a2c and a2; plan B for b); everyone else 403, another region's plan 404. Plan A is
published: the draft edits reach their service, which refuses them (a message or 422: still "reached")."""

MARKERS: dict[str, set[str]] = {}
FORM_BODIES: dict[str, dict] = {
    "plan_withdraw": {"reason": "matrix", "expected_version": 1},
    "plan_task_delete": {"expected_version": 1},
}

_OFFICE = {
    "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
}  # fmt: skip
_OFFICE_POST = {
    "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
}  # fmt: skip

EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "plan_revise": _OFFICE,
    "plan_revise_apply": _OFFICE_POST,
    "plan_versions": _OFFICE,
    "plan_withdraw": _OFFICE_POST,
    "plan_draft_tasks": _OFFICE,
    "plan_task_edit": _OFFICE,
    "plan_task_delete": _OFFICE_POST,
}
