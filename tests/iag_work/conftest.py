import pytest

from tests.factories import AdvisoryGroupFactory, DistrictFactory


@pytest.fixture
def basildon(db):
    return AdvisoryGroupFactory(
        name="Basildon IAG", slug="basildon-iag", district=DistrictFactory(name="Basildon", slug="basildon")
    )


@pytest.fixture
def standards(db):
    return AdvisoryGroupFactory(name="Professional Standards IAG", slug="professional-standards-iag", thematic=True)
