"""Why an administration operation refuses (管理)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("administration")
class AdminCode(StrEnum):
    ONBOARDING = "onboarding"  # an 通讯录 with problems: every one listed with its row, nothing imported


@register_codes("backup")
class BackupCode(StrEnum):
    """Why ``taizhang backup`` / ``restore`` refuses (备份与恢复)."""

    BAD_DEST = "bad_dest"  # the destination is not a writable folder
    BAD_BACKUP = "bad_backup"  # no readable manifest, or a file that does not match it
    NOT_EMPTY = "not_empty"  # restore only into an empty installation
    WRONG_DATABASE = "wrong_database"  # a SQLite backup into PostgreSQL or the other way
    NEWER = "newer"  # the backup holds migrations this version does not know
    TOOL_FAILED = "tool_failed"  # pg_dump / pg_restore failed or is missing
    BAD_SIGNATURE = "bad_signature"  # the manifest's HMAC-SM3 does not hold: edited, or another keyring
    UNKNOWN_KEY = "unknown_key"  # signed with a key this keyring does not hold
    UNSIGNED = "unsigned"  # restore of an unsigned backup into an installation with a keyring
