"""Business IDs: python-stdnum checks every country it knows, the Finnish one strictly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from registers.validators import validate_business_id


@pytest.mark.parametrize(
    ("value", "country"),
    [
        ("1572860-0", "FI"),
        ("556036-0793", "SE"),
        ("DE136695976", "DE"),
        ("13585628", "DK"),
        ("974760673", "NO"),
        ("10137025", "EE"),
        ("732 829 320", "FR"),
        ("anything at all", "AQ"),  # no validator knows Antarctica: taken as written
    ],
)
def test_it_accepts_valid_business_ids(value: str, country: str) -> None:
    validate_business_id(value, country)


@pytest.mark.parametrize(
    ("value", "country"),
    [
        ("1572860-1", "FI"),
        ("15728600", "FI"),  # valid digits, but not written as the editor shows
        ("556036-0794", "SE"),
        ("DE136695977", "DE"),
        ("13585627", "DK"),
        ("974760674", "NO"),
        ("10137026", "EE"),
    ],
)
def test_it_rejects_invalid_business_ids(value: str, country: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_business_id(value, country)

    assert "business_id" in caught.value.message_dict


def test_the_message_names_the_country_in_the_readers_language() -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_business_id("556036-0794", "SE")

    assert "Sweden" in caught.value.message_dict["business_id"][0]
