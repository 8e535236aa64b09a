"""Re-rendering published notices after the templates change: new versions, same data."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django_tenants.utils import schema_context

from registers.demo import fill_demo
from registers.models import Purpose, Register, Version
from registers.publishing.rerender import SUMMARY, rerender_organisation, rerender_register
from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from tenants.models import AuditEvent, Organisation

MARKER = '<p class="release-note">A release changed this template.</p>'


@pytest.fixture(autouse=True)
def served_afresh() -> None:
    forget_served()


def publish_demo(organisation: Organisation, user: Any = None) -> Version:
    with schema_context(organisation.schema_name):
        fill_demo()
        register = Register.objects.get(slug="patients")
        version = register_publish(register=register, user=user, summary="First")
        assert version is not None
        return Version.objects.prefetch_related("outputs").get(pk=version.pk)


def versions_of(organisation: Organisation) -> list[Version]:
    with schema_context(organisation.schema_name):
        return list(Version.objects.order_by("number").prefetch_related("outputs"))


def change_template(settings: Any, tmp_path: Path, name: str, change: str) -> None:
    """Serve ``name`` from a copy in ``tmp_path`` with ``change`` appended, as a release would."""
    original = Path(settings.BASE_DIR) / "templates" / name
    changed = tmp_path / "templates" / name
    changed.parent.mkdir(parents=True, exist_ok=True)
    changed.write_text(original.read_text(encoding="utf-8") + change, encoding="utf-8")
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [tmp_path / "templates", *engines[0]["DIRS"]]
    settings.TEMPLATES = engines


@pytest.fixture
def release(settings: Any, tmp_path: Path) -> Callable[[], None]:
    """Call it after publishing: from then on the fragment template reads differently."""
    return lambda: change_template(settings, tmp_path, "notices/fragment.html", MARKER)


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("rerender_notices", *args, stdout=out)
    return out.getvalue()


def test_unchanged_templates_make_no_new_version(acme: Organisation, owner: Any) -> None:
    publish_demo(acme, owner)
    with schema_context(acme.schema_name):
        assert rerender_register(Register.objects.get(slug="patients")) is False
    assert len(versions_of(acme)) == 1


def test_a_template_change_publishes_the_same_data_with_new_outputs(
    acme: Organisation, owner: Any, release: Callable[[], None]
) -> None:
    first = publish_demo(acme, owner)
    before = {o.language: o.fragment for o in first.outputs.all()}
    release()
    with schema_context(acme.schema_name):
        assert rerender_register(Register.objects.get(slug="patients")) is True
    old, new = versions_of(acme)
    assert new.number == 2
    assert new.data == old.data
    assert new.published_by is None
    assert "Seloste" in new.summary
    assert {o.language: o.fragment for o in old.outputs.all()} == before
    assert all(MARKER in o.fragment and MARKER not in before[o.language] for o in new.outputs.all())
    assert sorted(o.language for o in new.outputs.all()) == ["en", "fi"]
    with schema_context(acme.schema_name):
        assert list(Register.objects.values_list("slug", flat=True)) == ["patients"]


def test_the_summary_speaks_the_notices_first_language(
    acme: Organisation, release: Callable[[], None]
) -> None:
    publish_demo(acme)
    release()
    with schema_context(acme.schema_name):
        rerender_register(Register.objects.get(slug="patients"))
    with translation.override("fi"):
        assert versions_of(acme)[1].summary == str(SUMMARY)


def test_it_renders_the_published_data_not_the_draft(
    acme: Organisation, owner: Any, release: Callable[[], None]
) -> None:
    first = publish_demo(acme, owner)
    release()
    with schema_context(acme.schema_name):
        register = Register.objects.get(slug="patients")
        Purpose.objects.filter(register=register).update(
            description={"fi": "Luonnos", "en": "Unpublished draft"}
        )
        rerender_register(register)
    new = versions_of(acme)[1]
    assert new.data == first.data
    assert all("Unpublished draft" not in o.page for o in new.outputs.all())


def test_publishing_after_a_rerender_finds_no_change(
    acme: Organisation, owner: Any, release: Callable[[], None]
) -> None:
    publish_demo(acme, owner)
    release()
    with schema_context(acme.schema_name):
        register = Register.objects.get(slug="patients")
        rerender_register(register)
        assert register_publish(register=register, user=owner, summary="Again") is None


def test_a_change_to_the_pdf_alone_is_found(
    acme: Organisation, settings: Any, tmp_path: Path
) -> None:
    first = publish_demo(acme)
    change_template(settings, tmp_path, "notices/pdf_footer.txt", " (rev)")
    with schema_context(acme.schema_name):
        assert rerender_register(Register.objects.get(slug="patients")) is True
    # The page reads the same, so the content hash cannot tell; the PDF itself was compared.
    assert versions_of(acme)[1].content_hash == first.content_hash


def test_the_rerender_is_in_the_audit_trail(
    acme: Organisation, release: Callable[[], None]
) -> None:
    publish_demo(acme)
    release()
    with schema_context(acme.schema_name):
        rerender_register(Register.objects.get(slug="patients"))
    event = AuditEvent.objects.get(action="register.rerendered")
    assert event.user is None
    assert event.organisation == acme
    assert event.detail == {"register": "patients", "version": 2, "previous": 1}


def test_the_task_runs_in_its_organisations_schema(
    acme: Organisation, globex: Organisation, release: Callable[[], None]
) -> None:
    publish_demo(acme)
    publish_demo(globex)
    release()
    result = rerender_organisation.enqueue_for(globex)
    assert result.return_value == ["patients"]
    assert len(versions_of(globex)) == 2
    assert len(versions_of(acme)) == 1


def test_the_command_reports_its_progress(
    acme: Organisation, globex: Organisation, release: Callable[[], None], tmp_path: Path
) -> None:
    publish_demo(acme)
    publish_demo(globex)
    release()
    output = run_command("--state", str(tmp_path / "state.json"))
    assert "1/2 organisations, 1 registers re-rendered" in output
    assert "2/2 organisations, 2 registers re-rendered" in output


def test_a_dry_run_publishes_and_records_nothing(
    acme: Organisation, release: Callable[[], None], tmp_path: Path
) -> None:
    publish_demo(acme)
    release()
    output = run_command("--dry-run", "--state", str(tmp_path / "state.json"))
    assert "1/1 organisations, 1 registers would be re-rendered" in output
    assert len(versions_of(acme)) == 1
    assert not (tmp_path / "state.json").exists()


def interrupted_after_acme(path: Path) -> str:
    """The state file a run leaves when it stops after acme, the first organisation."""
    path.write_text(json.dumps({"finished": ["org_acme"], "rerendered": 1, "queued": 0}))
    return str(path)


def test_an_interrupted_run_resumes_after_the_organisations_done(
    acme: Organisation, globex: Organisation, release: Callable[[], None], tmp_path: Path
) -> None:
    publish_demo(acme)
    publish_demo(globex)
    release()
    output = run_command("--state", interrupted_after_acme(tmp_path / "state.json"))
    assert "Resuming: 1 organisations already done" in output
    assert "1/2 organisations" not in output
    assert "2/2 organisations, 2 registers re-rendered" in output
    assert len(versions_of(acme)) == 1
    assert len(versions_of(globex)) == 2


def test_a_restart_forgets_the_organisations_done(
    acme: Organisation, globex: Organisation, release: Callable[[], None], tmp_path: Path
) -> None:
    publish_demo(acme)
    publish_demo(globex)
    release()
    state = interrupted_after_acme(tmp_path / "state.json")
    output = run_command("--state", state, "--restart")
    assert "1/2 organisations, 1 registers re-rendered" in output
    assert len(versions_of(acme)) == len(versions_of(globex)) == 2


def test_a_finished_run_leaves_nothing_to_resume(
    acme: Organisation, globex: Organisation, release: Callable[[], None], tmp_path: Path
) -> None:
    publish_demo(acme)
    publish_demo(globex)
    state = tmp_path / "state.json"
    run_command("--state", str(state))  # nothing to re-render yet
    assert not state.exists()
    release()
    output = run_command("--state", str(state))
    assert "2/2 organisations, 2 registers re-rendered" in output


def test_a_failure_stops_the_run_and_keeps_what_is_done(
    acme: Organisation, globex: Organisation, release: Callable[[], None], tmp_path: Path
) -> None:
    publish_demo(acme)
    broken = publish_demo(globex)
    with schema_context(globex.schema_name):
        # A version whose data cannot be read (none that publishing makes looks like this).
        Version.objects.create(
            register=broken.register,
            number=2,
            languages=["fi"],
            data={},
            content_hash="0" * 64,
            script="",
            effective_date=broken.effective_date,
        )
    release()
    state = tmp_path / "state.json"
    with pytest.raises(CommandError, match="org_globex"):
        run_command("--state", str(state))
    assert json.loads(state.read_text())["finished"] == ["org_acme"]
    assert len(versions_of(acme)) == 2


def test_on_a_queue_the_command_queues_one_task_per_organisation(
    acme: Organisation,
    globex: Organisation,
    release: Callable[[], None],
    redis_queue: str,
    tmp_path: Path,
) -> None:
    publish_demo(acme)
    publish_demo(globex)
    release()
    output = run_command("--state", str(tmp_path / "state.json"))
    assert "2/2 organisations, 0 registers re-rendered, 2 queued" in output
    assert len(versions_of(acme)) == 1
    call_command("taskworker", "--burst")
    assert len(versions_of(acme)) == len(versions_of(globex)) == 2
