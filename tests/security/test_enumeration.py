"""Every URL of both URLconfs, asked by everyone, on both hosts, with another organisation's IDs.

The table ``ACCESS`` classifies each URL name; a URL name missing from it fails the suite, so a new
view cannot ship without someone deciding who may see it. The walk then requests every URL as an
anonymous visitor, a member of globex only (the outsider), and acme's viewer, editor and owner, on
acme's host (the wrong host for globex's IDs) and on globex's (the right one), with GET and POST,
and checks the status of each answer and that no answer leaks globex's marker strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tenants.models import Organisation, Role
from tests.conftest import BASE
from tests.security.conftest import ACME_REGISTER, MARKERS, SHORT_KEY, GlobexData

PUBLIC = "public"  # anyone, no login: the published notices
OPEN = "open"  # anyone: log-in, sign-up, password reset, language; shows no organisation's data
LOGIN = "login"  # any signed-in user, whatever the host: their own account and organisations
# Load balancers and monitoring, on every host and any address, before the host is looked up:
# health answers anyone and shows no organisation's data; metrics only with the operators' token.
OPERATIONS = "operations"
# A signed-in user's own organisations, on any host: the dashboard and copying between them. The
# outsider (globex's editor) sees globex's data there; anyone else gets 404 for globex's IDs.
MINE = "mine"

# The minimum role (or the public flag) of every named URL. Add each new view here.
ACCESS: dict[str, Role | str] = {
    # config.urls_tenants: the editor
    "register_list": Role.VIEWER,
    "controller": Role.VIEWER,
    "register_edit": Role.VIEWER,
    "register_overview": Role.VIEWER,
    "register_ask_publish": Role.EDITOR,
    "register_history": Role.OWNER,
    # the interview of a register: editors only, as it only asks to change the register
    "interview_question": Role.EDITOR,
    "interview_check": Role.EDITOR,
    "interview_finish": Role.EDITOR,
    # publishing (members only)
    "data_import": Role.EDITOR,
    "register_export": Role.VIEWER,
    "organisation_export": Role.OWNER,
    "register_publish": Role.OWNER,
    "register_outputs": Role.VIEWER,
    "register_preview": Role.VIEWER,
    # review before publishing: the setting and the decision are the owners', submitting an editor's
    "review_setting": Role.OWNER,
    "review_submit": Role.EDITOR,
    "review_detail": Role.OWNER,
    # the record of processing
    "record_overview": Role.OWNER,
    "record_edit": Role.OWNER,
    "record_processor": Role.OWNER,
    "record_export": Role.OWNER,
    "record_snapshot": Role.OWNER,
    # members and audit
    "members": Role.VIEWER,
    "invite": Role.OWNER,
    "member_role": Role.OWNER,
    "member_remove": Role.OWNER,
    "invitation_cancel": Role.OWNER,
    "audit_trail": Role.OWNER,
    # leaving Seloste
    "organisation_delete": Role.OWNER,
    "organisation_restore": Role.OWNER,
    # shown to members of an organisation being deleted, 404 for everyone else
    "organisation_deletion": OPEN,
    # the published notices
    "notice_archive": PUBLIC,
    "notice_compare": PUBLIC,
    "notice_page": PUBLIC,
    "notice_version": PUBLIC,
    "notice_pdf": PUBLIC,
    "notice_version_pdf": PUBLIC,
    "notice_json": PUBLIC,
    "notice_version_json": PUBLIC,
    "notice_jsonld": PUBLIC,
    "notice_version_jsonld": PUBLIC,
    "notice_at": PUBLIC,
    "notice_feed": PUBLIC,
    "embed_script": PUBLIC,
    "embed_version_script": PUBLIC,
    "embed_fragment": PUBLIC,
    "embed_version_fragment": PUBLIC,
    "embed_frame": PUBLIC,
    "embed_version_frame": PUBLIC,
    "embed_summary_script": PUBLIC,
    "embed_summary_fragment": PUBLIC,
    "embed_summary_frame": PUBLIC,
    # just-in-time notices, one per purpose
    "short_script": PUBLIC,
    "short_version_script": PUBLIC,
    "short_fragment": PUBLIC,
    "short_version_fragment": PUBLIC,
    "short_frame": PUBLIC,
    "short_version_frame": PUBLIC,
    # branding: the owner's page, the logo (by its hash, on its organisation's hosts only) and
    # the stylesheet of an accent colour (the colour is its whole content, the same everywhere)
    "branding": Role.OWNER,
    "branding_logo": PUBLIC,
    "branding_accent": PUBLIC,
    # the organisation's own host name for its notices
    "custom_host": Role.OWNER,
    "custom_host_verify": Role.OWNER,
    "custom_host_remove": Role.OWNER,
    # a one-time sign-in link carried in the query string; checks membership itself
    "handoff": OPEN,
    # accounts, on every host
    "login": OPEN,
    "logout": OPEN,
    "password_change": LOGIN,
    "password_change_done": LOGIN,
    "password_reset": OPEN,
    "password_reset_done": OPEN,
    "password_reset_confirm": OPEN,
    "password_reset_complete": OPEN,
    "set_language": OPEN,
    "organisation_list": MINE,
    "portfolio_copy_register": MINE,
    "portfolio_copy_controller": MINE,
    "portfolio_save_template": MINE,
    # a template of globex's would be the outsider's to remove; nobody else's is found
    "portfolio_delete_template": MINE,
    "invite_many": LOGIN,
    "organisation_new": LOGIN,
    "organisation_switch": LOGIN,
    "otp_setup": LOGIN,
    "otp_verify": LOGIN,
    "otp_disable": LOGIN,
    # config.urls_public only
    "home": OPEN,
    "signup": OPEN,
    "invitation_accept": OPEN,
    # ops.urls, on both URLconfs, answered by ops.middleware
    "health_live": OPERATIONS,
    "health_ready": OPERATIONS,
    "metrics": OPERATIONS,
    # the TLS proxy's question whether a custom host name is verified: yes or no for one name
    "tls_allowed": OPERATIONS,
}
# Views that answer only one kind of method; the other gets 405 from everyone.
POST_ONLY = {
    "register_ask_publish",
    "interview_finish",
    "member_role",
    "member_remove",
    "invitation_cancel",
    "logout",
    "otp_disable",
    "record_export",
    "organisation_restore",
    "portfolio_delete_template",
    "custom_host_verify",
    "custom_host_remove",
}
GET_ONLY = {name for name, access in ACCESS.items() if access in (PUBLIC, OPERATIONS)} | {
    "password_change_done",
    "password_reset_done",
    "password_reset_complete",
}
# Pages a viewer may read but only an editor may post to (a viewer's POST is refused, 403).
WRITE_ROLE = {"register_list": Role.EDITOR, "controller": Role.EDITOR, "register_edit": Role.EDITOR}
# URL parameters that name no object of an organisation (a file format).
NOT_IDS = {"fmt"}
# Public URLs that answer a published notice's address rather than the notice itself.
REDIRECTS = {"notice_at"}
# The embed script is the same code for every notice: it carries no organisation's words.
NO_TEXT = {
    "embed_script",
    "embed_version_script",
    "embed_summary_script",
    "short_script",
    "short_version_script",
    "notice_pdf",
    "notice_version_pdf",
    "branding_logo",
    "branding_accent",
}
# Public files that are the same on every organisation's host: they name no organisation.
EVERY_HOST = {"branding_accent"}
# Operators' URLs that answer 404 to a request without their token or question.
OPERATIONS_REFUSED = {"metrics", "tls_allowed"}
# Skipped: Django's admin (its own staff-only check; tests/security/test_audit.py covers the
# read-only audit log there) and static files (served by WhiteNoise before any URLconf).
SKIPPED_NAMESPACES = {"admin"}
URLCONFS = ("config.urls_public", "config.urls_tenants")
ACTORS = ("anonymous", "outsider", "viewer", "editor", "owner")
RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}
ACTOR_RANK = {"viewer": 1, "editor": 2, "owner": 3}
OUTSIDER_RANK = RANK[Role.EDITOR]  # the outsider is globex's editor
PASSED = {200, 302, 400, 409}


def walk(patterns: list[Any]) -> Iterator[URLPattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            yield from walk(entry.url_patterns)
        else:
            yield entry


def url_names(urlconf: str) -> list[str]:
    names = []
    for pattern in walk(get_resolver(urlconf).url_patterns):
        assert pattern.name, f"{urlconf}: {pattern.pattern} has no name, so it cannot be classified"
        names.append(pattern.name)
    return names


def test_every_url_name_is_classified() -> None:
    for urlconf in URLCONFS:
        missing = sorted(set(url_names(urlconf)) - set(ACCESS))
        assert not missing, f"classify these URL names in ACCESS: {missing}"


def test_the_table_agrees_with_each_views_own_role_check() -> None:
    """role_required marks the view with its role; the table must not claim a different one."""
    resolver = get_resolver("config.urls_tenants")
    for pattern in walk(resolver.url_patterns):
        declared = getattr(pattern.callback, "required_role", None)
        expected = ACCESS[pattern.name or ""]
        if isinstance(expected, Role):
            assert declared == expected, pattern.name
        else:
            assert declared is None, pattern.name


def kwargs_for(name: str, urlconf: str, data: GlobexData, globex: Organisation) -> dict[str, Any]:
    params = get_resolver(urlconf).reverse_dict.getlist(name)[0][0][0][1]
    owner = get_user_model().objects.get(username="owner@globex.example")
    values: dict[str, Any] = {
        "slug": globex.slug if name == "organisation_switch" else data.register_slug,
        "section": "basics",
        "question": "people",
        "lang": "en",
        "number": data.version,
        "a": data.version,
        "b": data.version,
        "pk": {"invitation_cancel": data.invitation_pk, "record_snapshot": data.snapshot_pk}.get(
            name, data.member_pk
        ),
        # Invitation tokens are bearer secrets: a holder of globex's may see globex's name.
        "token": "not-a-token",
        "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
        "day": timezone.localdate().isoformat(),
        "fmt": "csv",
        "key": SHORT_KEY,
        "source_slug": globex.slug,
        "register": data.register_slug,
        "template": data.template_pk,
        "review": data.review_pk,
        "digest": data.logo_digest,
        "hex6": "0b5cad",
    }
    return {param: values[param] for param in params}


@dataclass
class Case:
    name: str
    method: str
    actor: str
    host: str
    path: str
    has_ids: bool


def expected(case: Case, on_globex: bool) -> set[int]:
    access = ACCESS[case.name]
    if access in (LOGIN, MINE) and case.actor == "anonymous":
        return {302}  # login_required answers before the method is looked at
    if case.method == "POST" and case.name in GET_ONLY:
        return {405}
    if case.method == "GET" and case.name in POST_ONLY:
        return {405}
    if access == OPERATIONS:
        return {404} if case.name in OPERATIONS_REFUSED else {200}
    if case.name in EVERY_HOST:
        return {200}
    if access == PUBLIC:
        return ({302} if case.name in REDIRECTS else {200}) if on_globex else {404}
    if access in (OPEN, LOGIN):
        return PASSED | {404}
    if access == MINE and case.has_ids and case.actor != "outsider":
        return {404}
    if access == MINE:
        # The outsider's first POST removes globex's template; it is gone for the next one.
        return PASSED | ({404} if case.name == "portfolio_delete_template" else set())
    if case.actor == "anonymous":
        return {302}
    rank = OUTSIDER_RANK if case.actor == "outsider" else ACTOR_RANK[case.actor]
    member = (case.actor == "outsider") == on_globex
    if case.method == "POST":
        access = WRITE_ROLE.get(case.name, access)
    if not member or rank < RANK[access]:  # type: ignore[index]
        return {403}
    return {404} if case.has_ids and not on_globex else PASSED


def client_for(actor: str, host: str, users: dict[str, Any]) -> Client:
    client = Client(HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="en")
    if actor != "anonymous":
        client.force_login(users[actor])
    return client


def check(case: Case, users: dict[str, Any], on_globex: bool) -> list[str]:
    client = client_for(case.actor, case.host, users)
    response = getattr(client, case.method.lower())(case.path)
    where = f"{case.method} {case.host}{case.path} as {case.actor}"
    problems = []
    allowed = expected(case, on_globex)
    if response.status_code not in allowed:
        problems.append(f"{where}: {response.status_code}, expected {sorted(allowed)}")
    login_expected = allowed == {302} and ACCESS[case.name] not in (OPEN, PUBLIC)
    if login_expected and "/accounts/login/" not in response.get("Location", ""):
        problems.append(f"{where}: redirected to {response.get('Location')}, not to log-in")
    leak_allowed = (on_globex and (case.actor == "outsider" or ACCESS[case.name] == PUBLIC)) or (
        ACCESS[case.name] == MINE and case.actor == "outsider"
    )
    body = (
        b"".join(response).decode(errors="replace").lower()
        if response.streaming
        else (response.content.decode(errors="replace").lower())
    )
    for marker in MARKERS:
        if not leak_allowed and marker.lower() in body:
            problems.append(f"{where}: shows {marker!r}")
    own_public = on_globex and ACCESS[case.name] == PUBLIC and case.method == "GET"
    shown = response.status_code == 200 and case.name not in NO_TEXT
    if own_public and shown and "zorbulon" not in body:
        problems.append(f"{where}: globex's own public page lacks its marker")
    return problems


def cases(urlconf: str, host: str, data: GlobexData, globex: Organisation) -> Iterator[Case]:
    for name in dict.fromkeys(url_names(urlconf)):
        kwargs = kwargs_for(name, urlconf, data, globex)
        path = reverse(name, urlconf=urlconf, kwargs=kwargs)
        for method in ("GET", "POST"):
            for actor in ACTORS:
                yield Case(name, method, actor, host, path, bool(set(kwargs) - NOT_IDS))


def test_no_url_lets_anyone_reach_another_organisations_data(
    acme: Organisation,
    globex: Organisation,
    owner: Any,
    editor: Any,
    viewer: Any,
    outsider: Any,
    acme_published: Any,
    globex_data: GlobexData,
) -> None:
    users = {"owner": owner, "editor": editor, "viewer": viewer, "outsider": outsider}
    problems: list[str] = []
    hosts = [(acme.host, False), (globex.host, True)]
    for host, on_globex in hosts:
        for case in cases("config.urls_tenants", host, globex_data, globex):
            problems += check(case, users, on_globex)
    for case in cases("config.urls_public", BASE, globex_data, globex):
        problems += check(case, users, on_globex=False)
    assert not problems, "\n".join(problems)


def test_each_urlconf_answers_only_on_its_own_kind_of_host(
    acme: Organisation, owner: Any, globex: Organisation, globex_data: GlobexData
) -> None:
    """An organisation's pages do not exist on the public site, nor the sign-up on acme's host."""
    pairs = (
        ("config.urls_tenants", "config.urls_public", BASE),
        ("config.urls_public", "config.urls_tenants", acme.host),
    )
    client = client_for("owner", BASE, {"owner": owner})
    for urlconf, other, host in pairs:
        for name in dict.fromkeys(url_names(urlconf)):
            kwargs = kwargs_for(name, urlconf, globex_data, globex)
            path = reverse(name, urlconf=urlconf, kwargs=kwargs)
            try:
                resolve(path, urlconf=other)
                continue  # the same path on both (the accounts pages, "/"), a different view
            except Resolver404:
                pass
            assert client.get(path, HTTP_HOST=host).status_code == 404, (host, path)


def test_a_custom_host_answers_only_its_organisations_public_outputs(
    acme: Organisation,
    globex: Organisation,
    owner: Any,
    outsider: Any,
    acme_published: Any,
    globex_data: GlobexData,
) -> None:
    """On globex's own host name the public outputs answer and nothing else, for anyone; acme's
    published notice does not exist there."""
    served = set(url_names("config.urls_custom_host"))
    assert {ACCESS[name] for name in served} == {PUBLIC, OPERATIONS}
    assert {name for name in url_names("config.urls_tenants") if ACCESS[name] == PUBLIC} <= served
    users = {"owner": owner, "outsider": outsider}
    problems = []
    for name in dict.fromkeys(url_names("config.urls_tenants")):
        kwargs = kwargs_for(name, "config.urls_tenants", globex_data, globex)
        path = reverse(name, urlconf="config.urls_tenants", kwargs=kwargs)
        if ACCESS[name] == PUBLIC:
            allowed = {302} if name in REDIRECTS else {200}
        elif ACCESS[name] == OPERATIONS:
            allowed = {404} if name in OPERATIONS_REFUSED else {200}
        else:
            allowed = {404}
        for actor in ("anonymous", "outsider"):
            status = client_for(actor, globex_data.custom_host, users).get(path).status_code
            if status not in allowed:
                problems.append(f"{actor} GET {path}: {status}, expected {sorted(allowed)}")
    acme_page = reverse("notice_page", kwargs={"slug": ACME_REGISTER, "lang": "fi"})
    if client_for("anonymous", globex_data.custom_host, users).get(acme_page).status_code != 404:
        problems.append(f"acme's {acme_page} answers on globex's host name")
    assert not problems, "\n".join(problems)
