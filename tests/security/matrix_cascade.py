"""上下贯通 in the permission matrix: a task's links page (``task_links``) and the import preview's include
for another upper plan (``plan_import_links``). No objects are added: the world's plans have no plan above,
so the page shows none and an empty POST (no upper task) is a valid save.

The page is read by whoever reads the task (as ``task_detail``); only the office of the task's plan
changes it (a reader: 403). The include is the import's, office admins only; with nothing in progress it
sends back to the upload (a redirect), as the preview does."""

MARKERS: dict[str, set[str]] = {}
FORM_BODIES: dict[str, dict] = {}

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "task_links": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
        "POST": "+++4 3334 3334 3344 3344 3334 3334 444+ 3333 3333 3333",
    },
    "plan_import_links": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
}  # fmt: skip
