"""单位管理 (units and regions) in the permission matrix. The paths take the world's units and regions as they
are (``unit`` of a1 is U1, of a2c and a2 U2, of b UB; ``region`` A, A, A, B), so no objects are added.

The system administrator of region A manages region A's tree and units (region B's: 404); the office admins
read their own region's registry and units (writing: 403); nobody else opens these pages. An empty POST
reaches the form (422, or a message and a redirect back)."""

MARKERS: dict[str, set[str]] = {}
FORM_BODIES: dict[str, dict] = {}

_WRITE = {
    "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 5555 3333 3333",
    "POST": "3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333 3333",
}  # fmt: skip

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "region_tree": {
        "GET":  "+    3    3    3    3    3    3    +    +    3    3",
        "POST": "5    3    3    3    3    3    3    5    5    3    3",
    },
    "region_child_create": _WRITE,
    "region_rename": _WRITE,
    "unit_registry": {
        "GET":  "+    3    3    3    3    3    3    +    +    3    3",
        "POST": "5    3    3    3    3    3    3    5    5    3    3",
    },
    "unit_create": {
        "GET":  "3    3    3    3    3    3    3    3    +    3    3",
        "POST": "3    3    3    3    3    3    3    3    +    3    3",
    },
    "unit_manage": {
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ +++4 3333 3333",
        "POST": "5555 3333 3333 3333 3333 3333 3333 5555 5555 3333 3333",
    },
    "unit_rename": _WRITE,
    "unit_kind": _WRITE,
    "unit_active": _WRITE,
    "unit_alias_add": _WRITE,
    "unit_alias_remove": _WRITE,
    "unit_merge": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333 3333",
    },
}  # fmt: skip
