"""The assessment scene, for the checks that need a published snapshot."""

from tests.assessment.conftest import clock, scene  # noqa: F401
