"""Prometheus metrics: off unless enabled, behind a token, by URL name and never by organisation."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_tenants.utils import schema_context

from registers.publishing.versions import publish_in_background
from tests.ops.conftest import TOKEN, scrape, value

PUBLISH = "registers.publishing.versions.publish_in_background"


def test_metrics_are_not_served_unless_a_token_is_set(db):
    response = Client(HTTP_HOST="10.20.30.40").get(
        "/metrics/", HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    assert response.status_code == 404


def test_metrics_need_the_token(metrics_on, db):
    client = Client(HTTP_HOST="10.20.30.40")
    assert client.get("/metrics/").status_code == 401
    assert client.get("/metrics/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics/", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_a_page_view_is_counted_by_url_name_never_by_organisation(
    metrics_on, register, acme, viewer_client
):
    before = scrape()
    assert viewer_client.get(reverse("register_list")).status_code == 200
    assert Client(HTTP_HOST=acme.host).get("/notices/nothing-here/fi/").status_code == 404
    after = scrape()

    labels = {"method": "GET", "url_name": "register_list", "status": "200"}
    counted = "seloste_http_requests_total"
    assert value(after, counted, **labels) - value(before, counted, **labels) == 1
    missing = {"method": "GET", "url_name": "notice_page", "status": "404"}
    assert value(after, counted, **missing) - value(before, counted, **missing) == 1
    timed = "seloste_http_request_duration_seconds_count"
    assert value(after, timed, method="GET", url_name="register_list") >= 1
    text = repr(after)
    for private in (acme.slug, acme.schema_name, register.slug, "nothing-here"):
        assert private not in text


def test_a_publication_records_the_request_the_task_and_the_render(
    metrics_on, register, acme, owner_client
):
    before = scrape()
    path = reverse("register_publish", kwargs={"slug": register.slug})
    assert owner_client.post(path, {"summary": "First"}).status_code == 302
    assert owner_client.post(path, {"summary": "Again"}).status_code == 302
    after = scrape()

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("seloste_http_requests_total", method="POST", url_name="register_publish",
                status="302") == 2  # fmt: skip
    assert grew("seloste_publish_duration_seconds_count", outcome="published") == 1
    assert grew("seloste_publish_duration_seconds_count", outcome="unchanged") == 1
    assert grew("seloste_publish_duration_seconds_sum", outcome="published") > 0
    for language in ("fi", "en", "sv"):
        assert grew("seloste_render_duration_seconds_count", language=language) == 1
    assert grew("seloste_tasks_total", task=PUBLISH, status="SUCCESSFUL") == 2
    assert grew("seloste_task_duration_seconds_count", task=PUBLISH) == 2


def test_a_failed_task_is_counted(metrics_on, acme):
    before = scrape()
    publish_in_background.enqueue_for(acme, "no-such-register", None, "")
    after = scrape()
    labels = {"task": PUBLISH, "status": "FAILED"}
    assert (
        value(after, "seloste_tasks_total", **labels)
        - value(before, "seloste_tasks_total", **labels)
        == 1
    )


def test_queue_depth_and_failures_are_read_from_redis(metrics_on, redis_queue, acme):
    from django.core.management import call_command

    assert value(scrape(), "seloste_task_queue_depth", queue="default") == 0
    with schema_context(acme.schema_name):
        publish_in_background.enqueue("no-such-register", None, "")
        publish_in_background.enqueue("no-such-register-either", None, "")
    samples = scrape()
    assert value(samples, "seloste_task_queue_depth", queue="default") == 2
    assert value(samples, "seloste_task_queue_failed", queue="default") == 0

    call_command("taskworker", "--burst")
    samples = scrape()
    assert value(samples, "seloste_task_queue_depth", queue="default") == 0
    assert value(samples, "seloste_task_queue_failed", queue="default") == 2
    assert ("seloste_task_workers", frozenset({("queue", "default")})) in samples


def test_database_connections_are_reported(metrics_on, db):
    samples = scrape()
    in_use = sum(v for (name, _labels), v in samples.items() if name == "seloste_db_connections")
    assert in_use >= 1
    assert value(samples, "seloste_db_connections_max") >= in_use
