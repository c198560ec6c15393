"""People, the roles they hold and where those roles apply."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taizhang.lib.fields import EncryptedCharField, EncryptedTextField, row_key_field


class User(AbstractUser):
    """A person who signs in. Belongs to one unit (the office's own staff belong to the office's unit)."""

    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name="所在单位",
    )
    display_name = models.CharField("姓名", max_length=50, blank=True)
    # Contact for notifications (e-mail is AbstractUser.email: plain, since mail is sent to it and people
    # are found by it). The mobile number is kept encrypted (SM4-GCM, lib.fields).
    mobile = EncryptedCharField("手机", max_length=20, blank=True)
    # The page language this person chose (blank: the installation's default, Chinese).
    language = models.CharField("界面语言", max_length=10, blank=True, choices=settings.LANGUAGES, default="")
    # An initial or reset password: the person must choose their own at the next sign-in.
    must_change_password = models.BooleanField("须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    row_key = row_key_field()

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username


class Role(models.TextChoices):
    # Labels are gettext msgids (Chinese source, English catalogue); the same text, so no migration.
    OFFICE_ADMIN = "office_admin", _("惩防办管理员")
    LIAISON = "liaison", _("联络员")
    UNIT_HEAD = "unit_head", _("单位负责人")
    LEADER = "leader", _("领导")
    INSPECTOR = "inspector", _("督查员")
    # 三员分立 (GB/T 22239 level 3): three administrative duties, held apart from each other and from every
    # business role above.
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")


# Roles that act for one unit: they are granted on that unit, never on a region.
UNIT_ROLES = (Role.LIAISON, Role.UNIT_HEAD)
# The administrators (三员): each over a region and below; a person holds at most one of them and, holding
# one, no business role.
ADMIN_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)
# The roles that do the office's and the units' work.
BUSINESS_ROLES = tuple(role for role in Role if role not in ADMIN_ROLES)


class RoleGrant(models.Model):
    """角色授权: ``user`` holds ``role`` over one unit, or over a region and every region below it.

    Roles are data, so one user may hold several (a liaison who is also an inspector)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants", verbose_name="用户"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="范围：单位",
    )
    region = models.ForeignKey(
        "units.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="范围：行政区划及以下",
    )
    granted_at = models.DateTimeField("授权时间", auto_now_add=True)
    seal = models.CharField(
        "完整性校验值", max_length=100, blank=True, editable=False, help_text="HMAC-SM3，见 accounts.grants"
    )

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = (
            models.CheckConstraint(
                condition=Q(unit__isnull=False, region__isnull=True)
                | Q(unit__isnull=True, region__isnull=False),
                name="rolegrant_one_scope",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=UNIT_ROLES) | Q(unit__isnull=False), name="rolegrant_unit_role_on_unit"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=ADMIN_ROLES) | Q(region__isnull=False), name="rolegrant_admin_on_region"
            ),
            # 三员分立: one administrative duty per person, whatever the region (a second is refused here even
            # if a service forgot to check).
            models.UniqueConstraint(
                fields=["user"], condition=Q(role__in=ADMIN_ROLES), name="rolegrant_one_admin_duty"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "unit"], condition=Q(unit__isnull=False), name="rolegrant_unique_unit"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="rolegrant_unique_region",
            ),
        )

    def __str__(self) -> str:
        # The label as get_role_display() gives it, without its per-call rebuild of the choices: the audit
        # entries of an import name thousands of grants.
        return f"{self.user} · {_ROLE_LABELS.get(self.role, self.role)} · {self.unit or self.region}"


_ROLE_LABELS = dict(Role.choices)


class ApiToken(models.Model):
    """A token for programs calling the API as ``user``. Only the SHA-256 of the token is stored; the token
    itself is shown once, when it is made. (Tokens are random, so a fast hash is enough.)"""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="用户"
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=12, help_text="令牌开头几位，便于辨认")
    digest = models.CharField("摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    expires_at = models.DateTimeField("过期时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SignInCounter(models.Model):
    """登录失败计数: failed sign-ins counted per account name (consecutive, until a success or the lockout
    ends) and per client address (within a window). Kept in the database so every worker process and host
    sees the same count (``accounts.signin_guard``)."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", "账号"
        ADDRESS = "address", "地址"

    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    # The account name in lower case (names are unique whatever their case), or the client address.
    key = models.CharField("账号或地址", max_length=150)
    failures = models.PositiveIntegerField("失败次数", default=0)
    window_start = models.DateTimeField("计数开始")
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    class Meta:
        verbose_name = "登录失败计数"
        verbose_name_plural = "登录失败计数"
        constraints = (models.UniqueConstraint(fields=["kind", "key"], name="signincounter_unique_key"),)

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} ×{self.failures}"


class PasswordHistory(models.Model):
    """口令历史: the hash of a password a person used before, so it is not chosen again
    (``passwords.PasswordHistoryValidator``). Only hashes, never a password."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="password_history",
        verbose_name="用户",
    )
    password = models.CharField("密码摘要", max_length=128)
    replaced_at = models.DateTimeField("停用时间", auto_now_add=True)

    class Meta:
        verbose_name = "口令历史"
        verbose_name_plural = "口令历史"
        ordering = ("-replaced_at", "-pk")

    def __str__(self) -> str:
        return f"{self.user} · {self.replaced_at:%Y-%m-%d}"


class TotpDevice(models.Model):
    """动态口令 (TOTP, RFC 6238): one person's authenticator secret, kept SM4-GCM encrypted under the keyring
    (``lib.fields``, re-encrypted by ``taizhang keys rotate``); in use once ``confirmed_at`` is set by a code
    typed from it.
    ``last_step`` is the time step of the last code accepted, so no code works twice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device", verbose_name="用户"
    )
    secret = EncryptedTextField("密钥")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    confirmed_at = models.DateTimeField("启用时间", null=True, blank=True)
    last_step = models.BigIntegerField("最近使用的时间步", default=0)
    row_key = row_key_field()

    class Meta:
        verbose_name = "动态口令"
        verbose_name_plural = "动态口令"

    def __str__(self) -> str:
        return f"{self.user} · TOTP"


class RecoveryCode(models.Model):
    """恢复码: a one-time code for signing in without the authenticator. Only an HMAC-SM3 of it is stored
    (``<key id>:<hex>``, keyed by the keyring), never the code."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes", verbose_name="用户"
    )
    digest = models.CharField("摘要", max_length=100)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "恢复码"
        verbose_name_plural = "恢复码"

    def __str__(self) -> str:
        return f"{self.user} · {'used' if self.used_at else 'unused'}"
