"""Re-rendering published notices after a release changes the templates that write them.

A version is never changed. When what the current templates make of a version's own stored data
differs from the outputs stored with it, the register gets a new version with the same data, the
new outputs and a summary saying why. The register's live draft is not read, so edits not yet
published stay unpublished.

``rerender_organisation`` is the task for one organisation; ``rerender_all`` (behind
``manage.py rerender_notices``) enqueues it for every organisation and remembers, in a small
state file, which organisations are done, so that an interrupted run resumes where it stopped.
A run that gets through every organisation removes the file, so the next release's run starts
from the first organisation again.
"""

from __future__ import annotations

import datetime
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from registers.document import NoticeDocument, build_document
from registers.document.jit import ShortNotice, build_short_notices
from registers.models import Controller, Register, Version, VersionOutput

# The importer's builder, without its validation: the data was valid when it was published,
# and a check added since must not keep its notice from being re-rendered.
from registers.portable import exported_fields
from registers.portable.load import _build_register, _save_register
from registers.publishing.branding import brand_of
from registers.publishing.served import forget_served
from registers.publishing.short import store_short_notices
from registers.publishing.versions import (
    content_hash,
    current_organisation,
    latest_version,
    page_links,
    store_outputs,
)
from registers.render.embed import embed_script
from registers.render.html import render_fragment, render_frame, render_page
from registers.render.pdf import render_pdf
from tenants import audit
from tenants.models import Organisation
from tenants.queue.tasks import tenant_task

SUMMARY = _("Re-rendered after an update of Seloste's templates; the content is unchanged.")
DEFAULT_STATE = Path(settings.BASE_DIR) / ".pgdata" / "rerender-state.json"


@dataclass(frozen=True)
class Rendering:
    """What the current templates make of one version's data, per language."""

    previous: dict[str, NoticeDocument]  # dated as the version was: to compare with its outputs
    fresh: dict[str, NoticeDocument]  # dated as a version published now
    digest: str  # the content hash publishing would give this data now
    short: dict[str, list[ShortNotice]] = field(default_factory=dict)  # per language


def rendering_of(version: Version, now: datetime.datetime) -> Rendering:
    """The documents of ``version``'s stored data, built by the current code and templates.

    The document builder reads a register and its rows from the database, so the version's
    register is rebuilt in a savepoint that is rolled back once the documents are built.
    """
    controller = _controller_from(version.data["controller"])
    with transaction.atomic():
        register = _rebuilt_register(version.data["register"])
        drafts = [build_document(register, controller, lang) for lang in version.languages]
        previous, fresh = {}, {}
        for language in version.languages:
            previous[language] = _dated(
                register, controller, language, version, version.published_at
            )
            fresh[language] = _dated(register, controller, language, version, now)
        short = {
            lang: build_short_notices(register, controller, lang) for lang in version.languages
        }
        transaction.set_rollback(True)
    slug = version.data["register"]["slug"]
    drafts = [_named(d, register.slug, slug) for d in drafts]
    return Rendering(
        previous={lang: _named(d, register.slug, slug) for lang, d in previous.items()},
        fresh={lang: _named(d, register.slug, slug) for lang, d in fresh.items()},
        digest=content_hash(version.data, [render_fragment(d) for d in drafts]),
        short=short,
    )


def _controller_from(data: dict[str, Any]) -> Controller:
    controller = Controller()
    for f in exported_fields(Controller):
        if not f.is_relation and f.name in data:
            setattr(controller, f.attname, data[f.name])
    return controller


def _rebuilt_register(data: dict[str, Any]) -> Register:
    # A slug of its own, as the register itself still holds the published one.
    built = _build_register(data, slug=f"rerender-{uuid.uuid4().hex[:16]}")
    register = _save_register(built)
    return Register.objects.get(pk=register.pk)  # with the database's types (dates, not strings)


def _dated(
    register: Register,
    controller: Controller,
    language: str,
    version: Version,
    published_at: datetime.datetime,
) -> NoticeDocument:
    return build_document(
        register,
        controller,
        language,
        effective_date=version.effective_date,
        updated=timezone.localdate(published_at),
    )


def _named(document: NoticeDocument, placeholder: str, slug: str) -> NoticeDocument:
    """The document with the published slug in place of the rebuilt register's own."""
    title = slug if document.title == placeholder else document.title
    return replace(document, slug=slug, title=title)


def outdated(version: Version, rendering: Rendering) -> bool:
    """Whether any stored output of ``version`` differs from what the templates make now."""
    if version.script != embed_script():
        return True
    outputs = {output.language: output for output in version.outputs.all()}
    return any(
        _output_outdated(version, outputs.get(lang), rendering.previous[lang])
        for lang in version.languages
    )


def _output_outdated(
    version: Version, output: VersionOutput | None, document: NoticeDocument
) -> bool:
    if output is None or _as_stored(document.to_dict()) != output.document:
        return True
    number = version.number
    brand = brand_of(version.data, current_organisation())
    fragment = render_fragment(document, number=number, brand=brand)
    links = page_links(version, document.language)
    # Cheapest first; the PDF is rendered only when every other output is the same.
    checks: list[Callable[[], bool]] = [
        lambda: fragment != output.fragment,
        lambda: render_frame(document, fragment, brand=brand) != output.frame,
        lambda: render_page(document, links, number=number, brand=brand) != output.page,
        lambda: render_pdf(document, number=number, brand=brand) != bytes(output.pdf),
    ]
    return any(check() for check in checks)


def _as_stored(value: dict[str, Any]) -> Any:
    """``value`` as a JSON field gives it back (tuples as lists)."""
    return json.loads(json.dumps(value))


def rerender_register(register: Register, *, dry_run: bool = False) -> bool:
    """Publish ``register``'s latest version again if the templates now render it differently.

    Returns whether it was (or, in a dry run, would be) re-rendered.
    """
    with transaction.atomic():
        register = Register.objects.select_for_update().get(pk=register.pk)
        latest = latest_version(register)
        if latest is None:
            return False
        now = timezone.now()
        rendering = rendering_of(latest, now)
        if not outdated(latest, rendering):
            return False
        if not dry_run:
            _publish_again(register, latest, rendering, now)
    return True


def _publish_again(
    register: Register, latest: Version, rendering: Rendering, now: datetime.datetime
) -> Version:
    # Readers see the summary in the archive; it speaks the notice's first language.
    with translation.override(latest.languages[0]):
        summary = str(SUMMARY)
    version = Version.objects.create(
        register=register,
        number=latest.number + 1,
        languages=list(latest.languages),
        data=latest.data,
        content_hash=rendering.digest,
        script=embed_script(),
        effective_date=latest.effective_date,
        summary=summary,
        published_by=None,
        published_at=now,
    )
    for language in version.languages:
        store_outputs(version, rendering.fresh[language])
        store_short_notices(version, rendering.short.get(language, []), current_organisation())
    audit.record(
        "register.rerendered",
        organisation=current_organisation(),
        register=register.slug,
        version=version.number,
        previous=latest.number,
    )
    transaction.on_commit(forget_served)
    return version


@tenant_task
def rerender_organisation(dry_run: bool = False) -> list[str]:
    """Re-render the current organisation's published registers; the slugs of those re-rendered."""
    registers = Register.objects.filter(versions__isnull=False).distinct().order_by("slug")
    return [r.slug for r in registers if rerender_register(r, dry_run=dry_run)]


# The run over every organisation ----------------------------------------------------------------


class RerenderFailed(Exception):
    """An organisation's task failed; the organisations before it are recorded as done."""


@dataclass
class Progress:
    """What a run has done so far, kept in a JSON file so that the next run can resume."""

    path: Path | None
    finished: set[str] = field(default_factory=set)  # organisations' schemas
    rerendered: int = 0
    queued: int = 0

    @classmethod
    def load(cls, path: Path | None) -> Progress:
        if path is None or not path.exists():
            return cls(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            path,
            finished=set(data.get("finished", [])),
            rerendered=int(data.get("rerendered", 0)),
            queued=int(data.get("queued", 0)),
        )

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "finished": sorted(self.finished),
            "rerendered": self.rerendered,
            "queued": self.queued,
        }
        # Written aside and renamed, so an interruption never leaves half a file.
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(partial, self.path)

    def complete(self) -> None:
        """Every organisation is done: nothing to resume, so the next run starts afresh."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def rerender_all(progress: Progress, *, dry_run: bool, report: Callable[[str], None]) -> Progress:
    """Run (or queue) ``rerender_organisation`` for every organisation not yet finished."""
    organisations = list(Organisation.objects.customers().order_by("schema_name"))
    total = len(organisations)
    for done, organisation in enumerate(organisations, start=1):
        if organisation.schema_name in progress.finished:
            continue
        result = rerender_organisation.enqueue_for(organisation, dry_run)
        if result.status == TaskResultStatus.FAILED:
            trace = result.errors[0].traceback.strip() if result.errors else ""
            last_line = trace.splitlines()[-1] if trace else "failed"
            raise RerenderFailed(f"{organisation.schema_name}: {last_line}")
        if result.status == TaskResultStatus.SUCCESSFUL:
            progress.rerendered += len(result.return_value)
        else:  # on a queue: a worker will run it
            progress.queued += 1
        progress.finished.add(organisation.schema_name)
        progress.save()
        report(progress_line(done, total, progress, dry_run=dry_run))
    progress.complete()
    return progress


def progress_line(done: int, total: int, progress: Progress, *, dry_run: bool) -> str:
    verb = "would be re-rendered" if dry_run else "re-rendered"
    line = f"{done}/{total} organisations, {progress.rerendered} registers {verb}"
    return line + (f", {progress.queued} queued" if progress.queued else "")
