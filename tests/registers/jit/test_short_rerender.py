"""A re-rendered version keeps its short notices, rendered by the new templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from registers.models import ShortNoticeOutput
from registers.publishing.rerender import rerender_register
from registers.publishing.versions import register_publish
from tests.registers.document.test_document import full_controller
from tests.registers.jit.test_short_notices import a_register
from tests.registers.publishing.test_rerender import change_template

MARKER = "<!-- next release -->"


def test_a_rerendered_version_has_its_short_notices_rendered_anew(
    in_acme: Any, owner: Any, settings: Any, tmp_path: Path
) -> None:
    full_controller()
    register = a_register()
    first = register_publish(register=register, user=owner, summary="First")
    assert first is not None
    change_template(settings, tmp_path, "notices/fragment.html", MARKER)
    change_template(settings, tmp_path, "notices/jit/fragment.html", MARKER)

    assert rerender_register(register) is True

    second = register.versions.get(number=2)
    old = ShortNoticeOutput.objects.filter(version=first)
    new = ShortNoticeOutput.objects.filter(version=second)
    assert sorted(new.values_list("language", "key")) == sorted(old.values_list("language", "key"))
    assert new.count() == 9
    assert all(MARKER in row.fragment for row in new)
    assert not any(MARKER in row.fragment for row in old)
