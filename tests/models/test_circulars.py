import pytest
from django.db import IntegrityError, transaction

from taizhang.circulars.models import Circular
from tests.factories import make_circular, make_unit

pytestmark = pytest.mark.django_db


def test_a_published_circular_has_a_publication_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_circular(state=Circular.State.PUBLISHED)


def test_doc_numbers_are_unique_when_given():
    make_circular(doc_number="咸惩防办〔2021〕3号")
    make_circular(), make_circular()  # blank numbers do not clash
    with pytest.raises(IntegrityError), transaction.atomic():
        make_circular(doc_number="咸惩防办〔2021〕3号")


def test_a_unit_finds_the_circulars_that_name_it():
    unit = make_unit()
    circular = make_circular(units=[unit, make_unit(region=unit.region)])
    assert list(unit.circulars.all()) == [circular]
