import pytest
from django.db import IntegrityError, transaction

from taizhang.reports.models import Evidence
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_evidence_must_have_an_owner():
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(
            file="evidence/x",
            sha256="0" * 64,
            size=1,
            content_type="application/pdf",
            original_name="x.pdf",
            uploaded_by=make_user(),
        )
