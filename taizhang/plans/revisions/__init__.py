"""Revisions of a plan (方案修订): a revised file compared with the live plan (``diff``), applied as a new
version that keeps the ledger lines of the tasks it keeps and closes the rest (``apply``)."""
