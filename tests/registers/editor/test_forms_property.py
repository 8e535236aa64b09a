"""Whatever is posted to an editor page, the answer is never a server error, and a refused
post changes nothing in the database."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registers.editor.sections import SECTIONS
from registers.models import Controller, Register
from tests.registers.editor.test_editor_support import (
    edit_url,
    make_register,
    read_form,
    snapshot,
)

TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
ODD = st.sampled_from(
    [
        "",
        "on",
        "off",
        "0",
        "-1",
        "1e9",
        "99999999999999999999",
        "A6-1-a",
        "A9-2-z",
        "FI",
        "US",
        "zz",
        "\x00",
        "2026-02-30",
        "2026-06-01",
        "None",
        "[]",
        "{}",
        "x" * 5000,
        "1",
        "2",
        "1000",
        "purposes",
        "recipients",
        "cookies",
        "DataProcessor",
        "analytics",
        "years",
    ]
)
VALUES = st.one_of(TEXT, ODD, st.integers(-(2**70), 2**70).map(str), st.lists(ODD, max_size=3))
# Keys a page does not show but a crafted post may carry: extra rows, other formsets, controls.
EXTRA_KEYS = [
    "version",
    "add_row",
    "purposes-TOTAL_FORMS",
    "purposes-INITIAL_FORMS",
    "purposes-7-basis",
    "recipients-TOTAL_FORMS",
    "transfers-0-recipient",
    "cookies-0-id",
    "purposes-0-id",
    "joint_controllers-0-id",
    "retention-0-period",
    "languages",
    "slug",
]
FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def mutations(keys: list[str]) -> st.SearchStrategy[dict[str, object]]:
    """Changes to a page's data: a new value for some keys, None to leave a key out."""
    return st.dictionaries(
        st.sampled_from(sorted(set(keys) | set(EXTRA_KEYS))),
        st.one_of(st.none(), VALUES),
        max_size=8,
    )


def apply(base: dict[str, object], changes: dict[str, object]) -> dict[str, object]:
    data = dict(base)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def fuzz_section(client, register: Register, section: str) -> None:
    url = edit_url(register.slug, section)
    base = read_form(client.get(url).content)

    @FAST
    @given(changes=mutations(list(base)))
    def post(changes: dict[str, object]) -> None:
        version = Register.objects.get(pk=register.pk).version
        before = snapshot(register.pk)
        data = apply({**base, "version": str(version)}, changes)
        response = client.post(url, data)
        assert response.status_code in (200, 302, 409)
        if response.status_code != 302:
            assert snapshot(register.pk) == before

    post()


def test_no_post_to_a_section_causes_an_error_or_a_partial_save(editor_client, in_acme):
    register = make_register(rows=2)
    for section in SECTIONS:
        fuzz_section(editor_client, register, section)


def test_no_post_to_the_controller_page_causes_an_error_or_a_partial_save(editor_client, in_acme):
    base = read_form(editor_client.get("/controller/").content)
    base.update({"legal_name": "Acme Oy", "business_id": "1234567-1"})

    @FAST
    @given(changes=mutations(list(base)))
    def post(changes: dict[str, object]) -> None:
        before = Controller.load()
        data = apply({**base, "version": str(before.version)}, changes)
        response = editor_client.post("/controller/", data)
        assert response.status_code in (200, 302, 409)
        if response.status_code != 302:
            after = Controller.load()
            assert (after.version, after.updated_at) == (before.version, before.updated_at)

    post()
