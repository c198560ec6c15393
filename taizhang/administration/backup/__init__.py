"""备份与恢复 (issue 12 item 3): ``taizhang backup DEST`` takes a consistent copy of the database and the
file store with a manifest of digests; ``taizhang restore SRC`` puts one into an empty installation;
``taizhang backup --verify`` restores into a scratch place and checks counts, digests and the audit chain;
``taizhang backup prune DEST`` keeps 7 daily, 4 weekly and 12 monthly (``prune``).

A backup folder::

    taizhang-backup-20260107T020000Z/
        manifest.json     format, version, created (UTC), database vendor, migrations, rows per table,
                          sha256 and size of the dump and of every file; signed (HMAC-SM3, key id)
        db.sqlite3 | db.pgdump
        files/<storage name>   every file a row names, e.g. files/evidence/3f/3f9a…

What it does not hold, on purpose: the keyring (``TAIZHANG_KEY_FILE``) and the secret key, which are backed
up separately (docs/backup.md) so that whoever holds a backup does not hold the keys too.
"""
