"""The password policy (口令策略) and one-time passwords.

``CharacterClassesValidator`` is one of ``AUTH_PASSWORD_VALIDATORS`` (settings): a password mixes at least
``min_classes`` of the four classes — lower-case and upper-case letters, digits, and everything else
(punctuation, Chinese characters). With Django's length validator at 10 it is the policy GB/T 22239 level 3
asks for; both numbers come from the environment.

``PasswordHistoryValidator`` (口令历史) refuses any of the person's last ``count`` passwords (the current one
and the hashes kept in ``PasswordHistory`` by ``history_keep``, called wherever a password is replaced).

``one_time_password()`` makes the initial or reset password an administrator hands over: it meets the
policy, avoids characters that read alike (0/O, 1/l/I), and the person must change it at the next sign-in.
"""

from __future__ import annotations

import secrets
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_LOWER = "abcdefghijkmnpqrstuvwxyz"
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"
_SYMBOLS = "-_+=#@%"


def character_classes(password: str) -> int:
    """How many of the four classes (lower, upper, digit, other) ``password`` uses."""
    return sum(
        (
            any(c in string.ascii_lowercase for c in password),
            any(c in string.ascii_uppercase for c in password),
            any(c.isdigit() for c in password),
            any(not (c.isascii() and c.isalnum()) for c in password),
        )
    )


class CharacterClassesValidator:
    """At least ``min_classes`` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = max(1, min(4, int(min_classes)))

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "密码须包含小写字母、大写字母、数字、其他字符中的至少 %(n)d 类。",
            "密码须包含小写字母、大写字母、数字、其他字符中的至少 %(n)d 类。",
            self.min_classes,
        ) % {"n": self.min_classes}


class PasswordHistoryValidator:
    """Not one of the person's last ``count`` passwords, the current one included (0: any)."""

    def __init__(self, count: int = 5):
        self.count = max(0, int(count))

    def validate(self, password: str, user=None) -> None:
        if not self.count or user is None or user.pk is None:
            return
        from django.contrib.auth.hashers import check_password

        from taizhang.accounts.models import PasswordHistory

        earlier = PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)
        hashes = [user.password, *earlier[: self.count - 1]]
        if any(encoded and check_password(password, encoded) for encoded in hashes):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def get_help_text(self) -> str:
        return ngettext(
            "不能使用最近用过的 %(n)d 个密码。", "不能使用最近用过的 %(n)d 个密码。", self.count
        ) % {"n": self.count}


def history_keep(user) -> None:
    """Keep ``user``'s current password hash before it is replaced, and no more hashes than the history
    needs. Runs in the caller's transaction."""
    from django.conf import settings

    from taizhang.accounts.models import PasswordHistory

    count = settings.TAIZHANG_PASSWORD_HISTORY
    if not count or not user.has_usable_password():
        return
    PasswordHistory.objects.create(user=user, password=user.password)
    stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[max(count - 1, 0) :]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()


def one_time_password(length: int = 12) -> str:
    """A random password meeting the policy: every class at least once, the rest drawn from all of them."""
    pools = (_LOWER, _UPPER, _DIGITS, _SYMBOLS)
    chars = [secrets.choice(pool) for pool in pools]
    everything = "".join(pools)
    chars += [secrets.choice(everything) for _unused in range(max(length, 10) - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def policy_text() -> str:
    """The policy in one sentence, for a form's help text."""
    from django.contrib.auth.password_validation import password_validators_help_texts

    return " ".join(password_validators_help_texts()) or _("请设置足够复杂的密码。")
