"""Generated junk against every form, the JSON import and every public URL parameter.

Never a server error, never an unexpected exception, never a half-saved import.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django_tenants.utils import schema_context
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from registers.models import Purpose, Register
from registers.portable import ImportErrors, register_from_dict, register_to_dict
from tenants.forms import (
    AccountForm,
    InvitationForm,
    LoginForm,
    OrganisationForm,
    RoleForm,
    SignUpForm,
)
from tenants.models import Organisation
from tests.conftest import host_client
from tests.registers.document.test_document import full_register

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Odd text: control characters, NUL, surrogate-free unicode, very long values.
ODD = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.sampled_from(["\x00", "' OR 1=1 --", "<script>x</script>", "../../etc", "%00", "🙂" * 90]),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ODD,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)


def form_data(form_class: type[forms.Form], **kwargs: Any) -> st.SearchStrategy[dict[str, Any]]:
    names = list(form_class(**kwargs).fields)
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, ODD))


@SETTINGS
@given(data=st.data())
def test_the_account_forms_answer_junk_with_errors_not_exceptions(
    acme: Organisation, data: st.DataObject
) -> None:
    cases: list[tuple[type[forms.Form], dict[str, Any]]] = [
        (OrganisationForm, {"base_domain": "localhost"}),
        (SignUpForm, {"base_domain": "localhost"}),
        (AccountForm, {"email": "new@acme.example"}),
        (InvitationForm, {"organisation": acme}),
        (RoleForm, {}),
    ]
    for form_class, kwargs in cases:
        form = form_class(data.draw(form_data(form_class, **kwargs)), **kwargs)
        assert form.is_valid() in (True, False)
    request = RequestFactory().post("/accounts/login/")
    request.user = AnonymousUser()
    login = LoginForm(request, data.draw(form_data(LoginForm, request=request)))
    assert not login.is_valid()


@SETTINGS
@given(payload=st.fixed_dictionaries({}, optional=dict.fromkeys(("name", "slug", "email"), ODD)))
def test_sign_up_and_invitation_pages_never_fail_on_junk(
    acme: Organisation, owner_client: Client, payload: dict[str, Any]
) -> None:
    junk = {key: value.replace("\x00", "") for key, value in payload.items()}
    # A form with its errors, or the sign-up throttle once the examples pass its hourly count.
    assert host_client("localhost").post("/signup/", junk).status_code in (200, 429)
    assert owner_client.post("/members/invite/", junk).status_code in (200, 302)
    assert owner_client.post("/members/1/role/", junk).status_code in (302, 404)


def imports_cleanly_or_not_at_all(data: Any) -> None:
    before = (Register.objects.count(), Purpose.objects.count())
    problems: list[Any] = []
    try:
        register_from_dict(data, slug="imported")
    except ImportErrors as errors:
        problems = errors.errors or ["(an ImportErrors without problems)"]
    if problems:
        assert (Register.objects.count(), Purpose.objects.count()) == before
    else:
        assert Register.objects.filter(slug="imported").exists()
        Register.objects.filter(slug="imported").delete()


@SETTINGS
@given(junk=JSON)
def test_importing_junk_json_raises_only_import_errors(in_acme: Organisation, junk: Any) -> None:
    imports_cleanly_or_not_at_all(junk)


def paths(data: Any) -> list[list[Any]]:
    """Every path to a leaf of a JSON value."""
    if isinstance(data, dict):
        return [[k, *rest] for k, v in data.items() for rest in paths(v)] or [[]]
    if isinstance(data, list):
        return [[i, *rest] for i, v in enumerate(data) for rest in paths(v)] or [[]]
    return [[]]


@SETTINGS
@given(data=st.data())
def test_a_valid_export_with_one_value_spoiled_imports_all_or_nothing(
    in_acme: Organisation, data: st.DataObject
) -> None:
    Register.objects.filter(slug="original").delete()
    exported = register_to_dict(full_register(slug="original"))
    spoiled = json.loads(json.dumps(exported))
    path = data.draw(st.sampled_from(paths(spoiled)))
    if path:
        *parents, last = path
        target = spoiled
        for key in parents:
            target = target[key]
        target[last] = data.draw(JSON)
    imports_cleanly_or_not_at_all(spoiled)


SEGMENT = st.one_of(
    st.text(max_size=40),
    st.text(min_size=300, max_size=2000),
    st.binary(max_size=20).map(lambda b: "".join(f"%{byte:02X}" for byte in b)),
    st.sampled_from(["fi", "en", "sv", "xx", "EN", "v0", "v-1", "v99999999999999999999", ".."]),
)


@SETTINGS
@given(slug=SEGMENT, lang=SEGMENT, number=SEGMENT)
@example(slug="asiakkaat", lang="en", number="v99999999999999999999999")
@example(slug="asiakkaat", lang="de", number="v1")
def test_public_urls_never_fail_on_odd_parameters(
    acme: Organisation, slug: str, lang: str, number: str
) -> None:
    with schema_context(acme.schema_name):
        if not Register.objects.exists():
            from tests.security.conftest import publish_in

            publish_in(acme, "asiakkaat", None)
    client = host_client(acme.host)
    s, lang_, n = (quote(x, safe="%") for x in (slug, lang, number))
    for path in (
        f"/notices/{s}/{lang_}/",
        f"/notices/{s}/{lang_}/{n}/",
        f"/notices/{s}/{lang_}/{n}.pdf",
        f"/notices/{s}/{lang_}/{n}.json",
        f"/notices/{s}/archive/",
        f"/notices/{s}/compare/{n}/{n}/{lang_}/",
        f"/embed/{s}/{lang_}/fragment.html",
        f"/embed/{s}/{lang_}/{n}/frame/",
        f"/embed/{s}/{lang_}/{n}.js",
        f"/embed/{s}/{lang_}.js",
    ):
        assert client.get(path).status_code < 500, path
