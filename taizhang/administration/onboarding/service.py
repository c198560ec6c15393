"""Onboarding from an 通讯录: every row checked first — on its own (``sheet``), against the others and
against the database — then all written or nothing, in one transaction.

- **Units** are matched to the registry as plans match them (``units.matching``: full name, short name or a
  confirmed alias, nearest region first; a name equal to a unit's after the usual abbreviations, 区人民法院 =
  区法院, counts when only one unit has it). A name that matches none is a new unit of the region
  (``create_units``), or a problem when creating units is off.
- **People** are new accounts with a generated initial password they must change at the next sign-in; their
  roles: 联络员 and 单位负责人 on their own unit, 惩防办管理员, 领导 and 督查员 over the region.
- An **account that exists** is refused with its row, unless ``update_existing``: then its name, contact and
  unit are brought in line with the row and missing roles are added (none is taken away, the password is
  left alone); a row that changes nothing is 跳过.

Everything that writes nothing (the initial passwords made and hashed, the new accounts checked) is done
before the transaction opens; inside it, new units, accounts and their roles go in through the bulk forms
of the audited services (``units.services.units_create_many``, ``accounts.bulk.users_create_many`` and
``role_grants_many``, the same checks and audit entries as ``unit_create``, ``user_create`` and
``role_grant``), so SQLite's write lock is held well under a second for 2,000 people; an existing account's
update likewise (``users_update_many``). The contact fields and the initial password's hash are one
more entry per person (``user.onboard``, without the password), and the import as a whole one
(``onboarding.import``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import PermissionDenied
from django.db import transaction

from taizhang.accounts.bulk import (
    account_place,
    role_grants_many,
    users_create_many,
    users_ready,
    users_update_many,
)
from taizhang.accounts.models import ADMIN_ROLES, UNIT_ROLES, Role, RoleGrant, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.administration.codes import AdminCode
from taizhang.administration.onboarding.passwords import Handover, password_generate, password_hash
from taizhang.administration.onboarding.sheet import PersonRow, read_people
from taizhang.audit.services import audit_deferred, audit_entry, audit_record, audit_record_many
from taizhang.files.checks import screened_sheet, sheet_unreadable
from taizhang.files.uses import Use
from taizhang.lib.i18n import said
from taizhang.lib.sheets import BadFile, Problem, SheetRefusal
from taizhang.units.matching import match_unit_names
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids
from taizhang.units.services import units_create_many

CREATE, UPDATE, SKIP = "create", "update", "skip"
ACTION_LABELS = {CREATE: "新建", UPDATE: "更新", SKIP: "跳过"}
PROGRESS_EVERY = 20


class OnboardingError(SheetRefusal):
    """The 通讯录 was refused (code ``onboarding``): every problem with its row, and the ``RowPlan``s read."""

    default_code = AdminCode.ONBOARDING


@dataclass(slots=True)
class RowPlan:
    """What the import does with one row: its action, its unit (matched, or new), the account it updates."""

    person: PersonRow
    action: str = CREATE
    unit: Unit | None = None
    unit_new: bool = False
    unit_note: str = ""  # how the unit was matched, or what it resembles when new
    user: User | None = None
    changes: dict = field(default_factory=dict)  # update: field → new value
    grants: list[str] = field(default_factory=list)  # roles to grant (update: the missing ones)

    @property
    def row(self) -> int:
        return self.person.row

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    @property
    def role_labels(self) -> str:
        return "、".join(str(Role(r).label) for r in self.person.roles)


@dataclass
class OnboardingResult:
    rows: list[RowPlan]
    new_units: list[str]
    created: int = 0
    updated: int = 0
    skipped: int = 0
    dry_run: bool = True
    passwords: list[Handover] = field(default_factory=list)  # the new accounts' initial passwords


def _resolve_units(
    region: Region, plans: list[RowPlan], *, create_units: bool, subtree: set[int]
) -> tuple[list[Problem], list[str]]:
    """Attach each row's unit; the problems and the names of the units to create (in order)."""
    names = [p.person.unit_name for p in plans if p.person.unit_name]
    matches = match_unit_names(region=region, names=names)
    problems, new = [], []
    for plan in plans:
        name = plan.person.unit_name
        if not name:
            continue
        match = matches.get(name)
        unit, note = (match.exact, "") if match else (None, "")
        if unit is None and match and match.suggestions:
            top = [u for u, score in match.suggestions if score >= 100]
            if len(top) == 1:
                unit, note = top[0], f"按简称匹配：{top[0].name}"
        if unit is not None and unit.region_id not in subtree:
            problems.append(
                Problem(
                    plan.row,
                    f"单位“{name}”属于{unit.region}，不在本区划及以下。",
                    f"The unit “{name}” belongs to {unit.region}, outside this region.",
                )
            )
        elif unit is not None:
            plan.unit, plan.unit_note = unit, note
        elif create_units:
            plan.unit_new = True
            if match and match.suggestions:
                plan.unit_note = "相近：" + "、".join(u.name for u, _ in match.suggestions)
            if name not in new:
                new.append(name)
        else:
            hint = (
                f"（相近：{'、'.join(u.name for u, _ in match.suggestions)}）"
                if match and match.suggestions
                else ""
            )
            problems.append(
                Problem(
                    plan.row,
                    f"单位“{name}”不在单位名录中{hint}。",
                    f"The unit “{name}” is not in the register.",
                )
            )
    return problems, new


def _existing(
    plan: RowPlan, user: User, *, region: Region, update_existing: bool, subtree: set[int]
) -> list[Problem]:
    """Decide an existing account's row: refused, updated or skipped."""
    n, person = plan.row, plan.person
    if not update_existing:
        return [
            Problem(
                n,
                f"账号“{person.username}”已存在（如需更新已有账号，请勾选“更新已有账号”）。",
                f"The account “{person.username}” exists already (tick “update existing accounts”).",
            )
        ]
    grants = list(user.role_grants.all())
    if user.unit is not None and user.unit.region_id not in subtree:
        return [
            Problem(n, f"账号“{person.username}”属于其他区划。", "The account belongs to another region.")
        ]
    if any(g.role in ADMIN_ROLES for g in grants):
        return [
            Problem(
                n,
                f"账号“{person.username}”是管理员，不能导入业务角色（三员分立）。",
                "The account is an administrator.",
            )
        ]
    unit_id = plan.unit.pk if plan.unit else None
    if (plan.unit or plan.unit_new) and any(g.role in UNIT_ROLES and g.unit_id != unit_id for g in grants):
        return [
            Problem(
                n,
                f"账号“{person.username}”已在{user.unit}任联络员或单位负责人，请先在用户管理中调整后再改单位。",
                "The account acts for another unit; change that in user management first.",
            )
        ]
    wanted = {"display_name": person.name, "mobile": person.mobile, "email": person.email}
    changes = {k: v for k, v in wanted.items() if v and getattr(user, k) != v}
    if plan.unit_new or (plan.unit and plan.unit.pk != user.unit_id):
        changes["unit"] = plan.unit  # None while the unit is still to be created
    held = {(g.role, g.unit_id, g.region_id) for g in grants}
    plan.user, plan.changes = user, changes
    plan.grants = [r for r in person.roles if _scope_key(r, plan, user, region) not in held or plan.unit_new]
    plan.action = UPDATE if changes or plan.grants else SKIP
    return []


def _scope_key(role: str, plan: RowPlan, user: User, region: Region) -> tuple:
    if role in UNIT_ROLES:
        return (role, plan.unit.pk if plan.unit else user.unit_id, None)
    return (role, None, region.pk)


def _plan_rows(
    region: Region, people: list[PersonRow], *, create_units: bool, update_existing: bool
) -> tuple[list[RowPlan], list[Problem], list[str]]:
    subtree = region_subtree_ids({region.pk})
    plans = [RowPlan(person=p) for p in people]
    problems, new_units = _resolve_units(region, plans, create_units=create_units, subtree=subtree)
    seen: dict[str, int] = {}
    for plan in plans:
        key = plan.person.username
        if key and key in seen:
            problems.append(
                Problem(
                    plan.row, f"账号“{key}”与第 {seen[key]} 行重复。", f"The account repeats row {seen[key]}."
                )
            )
        seen.setdefault(key, plan.row)
    usernames = [p.username for p in people if p.username]
    existing = {
        u.username: u
        for u in User.objects.filter(username__in=usernames)
        .select_related("unit")
        .prefetch_related("role_grants")
    }
    for plan in plans:
        user = existing.get(plan.person.username)
        if user is not None:
            problems += _existing(plan, user, region=region, update_existing=update_existing, subtree=subtree)
        else:
            plan.grants = list(plan.person.roles)
    return plans, problems, new_units


def _prepare(result: OnboardingResult, progress) -> list[tuple[RowPlan, User, str]]:
    """The new accounts, ready to insert, each with its initial password and its hash, checked as
    ``user_create`` checks (``accounts.bulk.users_ready``): all the work that writes nothing, done before the
    transaction. ``progress`` hears (rows ready, rows) every ``PROGRESS_EVERY`` rows."""
    made, total = [], len(result.rows)
    for number, plan in enumerate(result.rows, start=1):
        if plan.action == CREATE:
            person, password = plan.person, password_generate()
            user = User(
                username=person.username,
                display_name=person.name,
                unit=plan.unit,  # None while the unit is still to be created
                email=person.email,
                mobile=person.mobile,
                must_change_password=True,
                password=password_hash(password),
            )
            made.append((plan, user, password))
        if progress and (number % PROGRESS_EVERY == 0 or number == total):
            progress(number, total)
    users_ready([user for _, user, _ in made])
    return made


def _write(actor: User | None, region: Region, result: OnboardingResult, source: str, made) -> None:
    """Inside the import's one transaction: the units, accounts, updates, grants and audit entries in a few
    bulk statements (``units_create_many``, ``users_create_many``, ``users_update_many``,
    ``role_grants_many``)."""
    created = units_create_many(region=region, names=result.new_units, actor=actor)
    units = dict(zip(result.new_units, created, strict=True))
    for plan in result.rows:
        if plan.unit_new:
            plan.unit = units[plan.person.unit_name]
            if "unit" in plan.changes:
                plan.changes["unit"] = plan.unit
    for plan, user, _ in made:
        user.unit = plan.unit
    users_create_many(users=[user for _, user, _ in made], actor=actor)
    updates = [plan for plan in result.rows if plan.action == UPDATE]
    notes = {plan.user.pk: {"file": source, "row": plan.row} for plan in updates}
    changed = {plan.user.pk: plan.changes for plan in updates if plan.changes}
    written = users_update_many(changes=changed, actor=actor, notes=notes)
    people = [(plan, user) for plan, user, _ in made] + [(p, written.get(p.user.pk, p.user)) for p in updates]
    grants = [
        RoleGrant(user=user, role=role, unit=plan.unit, region=None)
        if role in UNIT_ROLES
        else RoleGrant(user=user, role=role, unit=None, region=region)
        for plan, user in people
        for role in plan.grants
    ]
    role_grants_many(grants=grants, actor=actor)
    audit_record_many([_onboard_entry(actor, plan, user, source) for plan, user, _ in made])
    for plan, user, password in made:
        unit = plan.unit.name if plan.unit else ""
        result.passwords.append(Handover(unit, plan.person.name, user.username, password))
    result.created = len(made)


def _onboard_entry(actor: User | None, plan: RowPlan, user: User, source: str):
    """The ``user.onboard`` entry: the contact fields and that an initial password was set (never which)."""
    return audit_entry(
        actor=actor,
        action="user.onboard",
        obj=user,
        after={
            "mobile": user.mobile,
            "email": user.email,
            "must_change_password": True,
            "initial_password": "generated",  # that one was set, never which
            "file": source,
            "row": plan.row,
        },
        place=account_place(actor, user),
    )


def onboarding_import(
    *,
    actor: User | None,
    region: Region,
    fileobj: IO[bytes],
    dry_run: bool,
    create_units: bool = True,
    update_existing: bool = False,
    file_name: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> OnboardingResult:
    """Check every row of the 通讯录 and, unless ``dry_run``, write them all (one transaction). Every
        problem with its row number → ``OnboardingError``, nothing saved. For the system administrators of
        ``region`` (``actor`` None: the command, run by whoever runs the server). The result's ``passwords``
        hold the new accounts' initial passwords, which are nowhere else. The file is first screened by its
        content (``files.checks.screen``: no program, script or virus, within the zip limits).
    ``progress`` hears (rows ready, rows) once the rows are checked and every ``PROGRESS_EVERY`` rows made
    ready (passwords made and hashed, accounts checked) — always outside the transaction, which opens only
    for the writes themselves: a few bulk inserts, well under a second for 2,000 people."""
    if actor is not None and region.pk not in region_ids_in_scope(actor, Role.SYSTEM_ADMIN):
        raise PermissionDenied(
            said(
                "只有本区划的系统管理员可以导入人员。",
                "Only the region's system administrator may import people.",
            )
        )
    fileobj = screened_sheet(
        fileobj, name=file_name or "people.xlsx", use=Use.ONBOARDING_SHEET, refusal=OnboardingError
    )
    try:
        people, problems = read_people(fileobj)
    except BadFile as exc:
        raise sheet_unreadable(exc, OnboardingError) from None
    plans, more, new_units = _plan_rows(
        region, people, create_units=create_units, update_existing=update_existing
    )
    problems += more
    if not people and not problems:
        problems.append(Problem(None, "表中没有人员。", "The sheet lists nobody."))
    if problems:
        raise OnboardingError(sorted(problems, key=lambda p: p.row or 0), plans)
    result = OnboardingResult(rows=plans, new_units=new_units, dry_run=dry_run)
    if dry_run:
        result.created = sum(1 for p in plans if p.action == CREATE)
        result.updated = sum(1 for p in plans if p.action == UPDATE)
        result.skipped = sum(1 for p in plans if p.action == SKIP)
        return result
    source = file_name[:100]
    if progress:
        progress(0, len(plans))
    made = _prepare(result, progress)
    # The audit entries appended last (``audit_deferred``): the chain head, which every user's audited save
    # locks, is held for their insert only, not for the whole import.
    with transaction.atomic(), audit_deferred():
        _write(actor, region, result, source, made)
        result.skipped = sum(1 for p in plans if p.action == SKIP)
        result.updated = sum(1 for p in plans if p.action == UPDATE)
        audit_record(
            actor=actor,
            action="onboarding.import",
            obj=region,
            after={
                "file": source,
                "rows": len(plans),
                "units_created": len(new_units),
                "created": result.created,
                "updated": result.updated,
                "skipped": result.skipped,
            },
        )
    return result
