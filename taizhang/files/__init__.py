"""Stored files: one ``Blob`` per distinct content (kept under its SHA-256 through Django's storage API),
the type and size checks every upload passes, and the one way a stored file is served back (an attachment,
never a page). Owners keep their own small attachment tables (``Attachment`` subclasses with a real foreign
key to the owner), so this app knows no owner: it imports ``lib`` and ``audit`` and nothing higher."""
