"""The chain's bytes are a stored contract: every entry already written was hashed with them, so a faster
encoding must give exactly the same hashes (a known answer written by the first version), for whatever a
service puts in ``before``/``after``."""

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from hypothesis import given
from hypothesis import strategies as st

from taizhang.audit.chain import GENESIS, canonical_json, content, link

ENTRY = dict(
    at=datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=timezone(timedelta(hours=8))),
    actor_id=7,
    action="report.accept",
    object_type="reports.progressreport",
    object_id="42",
    object_repr="某单位 2026年第一季度",
    before={"state": "submitted", "n": (1, 2)},
    after={
        "state": "accepted",
        "on": date(2026, 3, 4),
        "score": Decimal("9.50"),
        "z": [1.5, True, None],
        "a": "中文",
    },
    source="web",
    ip="::ffff:10.0.0.1",
    result="success",
    unit_ref=12,
    region_ref=3,
)


def test_an_entry_hashes_as_it_always_has():
    assert link(GENESIS, ENTRY) == "53cbf3d0c6c493c5a3eda2db19e8be826c070220ef9a4194f1daf782e61dcd36"


def test_times_are_written_in_utc_with_microseconds():
    doc = json.loads(
        content({**ENTRY, "at": datetime(2026, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=8)))})
    )
    assert doc[0] == "2026-01-01T00:00:00.000000Z"
    assert json.loads(content({**ENTRY, "at": datetime(2026, 1, 1, 0, 0, 0, 5, tzinfo=UTC)}))[0] == (
        "2026-01-01T00:00:00.000005Z"
    )


_leaf = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.dates()
    | st.decimals(allow_nan=False, allow_infinity=False, places=2)
)
_values = st.recursive(
    _leaf,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(_values)
def test_the_fast_path_gives_what_the_json_column_gives_back(value):
    assert canonical_json(value) == json.loads(json.dumps(value, cls=DjangoJSONEncoder))
