"""Branding: a sanitised logo and a contrast-checked accent, published with the notices."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import schema_context
from PIL import Image
from pypdf import PdfReader

from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from tenants.branding import colours
from tenants.branding.images import LogoRefused, clean_logo
from tenants.models import AuditEvent, Branding, Logo, Organisation
from tests.conftest import host_client
from tests.registers.document.test_document import full_controller, full_register


@pytest.fixture(autouse=True)
def served_afresh() -> None:
    forget_served()


def image_bytes(fmt: str, size: tuple[int, int] = (400, 200), **options: Any) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (11, 92, 173)).save(out, format=fmt, **options)
    return out.getvalue()


def upload(data: bytes, name: str = "logo.png", content_type: str = "image/png") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


def post_branding(client: Client, version: int = 0, **fields: Any) -> Any:
    return client.post("/organisation/branding/", {"version": version, "accent": "", **fields})


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert colours.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert colours.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    # #767676 is the lightest grey that reaches 4.5:1 on white, #777777 the first that does not.
    assert colours.weakest_contrast("#767676") >= colours.MINIMUM
    assert colours.weakest_contrast("#777777") < colours.MINIMUM
    assert colours.shown(4.4999) == 4.49


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_a_raster_logo_is_re_encoded_as_a_small_png_without_metadata(fmt: str) -> None:
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    source = image_bytes(fmt, (2000, 1000), exif=exif.tobytes())
    logo = clean_logo(source)
    image = Image.open(io.BytesIO(logo.png))
    assert image.format == "PNG"
    assert (logo.width, logo.height) == image.size == (320, 160)
    assert not image.getexif()
    assert "exif" not in image.info
    assert b"secret description" not in logo.png


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>', "not_an_image"),
        (image_bytes("GIF"), "not_an_image"),
        (b"\x89PNG\r\n\x1a\n not really", "not_an_image"),
        (image_bytes("PNG", (4001, 10)), "too_many_pixels"),
        (b"\0" * (1024 * 1024 + 1), "too_large"),
    ],
)
def test_anything_but_a_bounded_raster_image_is_refused(data: bytes, code: str) -> None:
    with pytest.raises(LogoRefused) as refused:
        clean_logo(data)
    assert refused.value.code == code


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    """A PNG whose header claims 30000 × 30000 pixels: decoding it would take gigabytes."""
    small = image_bytes("PNG", (1, 1))
    header = b"IHDR" + struct.pack(">II", 30000, 30000) + small[24:29]
    bomb = small[:12] + header + struct.pack(">I", zlib.crc32(header)) + small[33:]
    with pytest.raises(LogoRefused) as refused:
        clean_logo(bomb)
    assert refused.value.code == "too_many_pixels"


def test_an_owner_sets_a_logo_and_colour_and_it_is_audited(
    acme: Organisation, owner_client: Client
) -> None:
    response = post_branding(owner_client, logo=upload(image_bytes("PNG")), accent="#0B5CAD")
    assert response.status_code == 302
    branding = Branding.objects.get(organisation=acme)
    assert branding.accent == "#0b5cad"
    assert branding.logo is not None
    event = AuditEvent.objects.get(organisation=acme, action="branding.changed")
    assert event.detail == {"accent": "#0b5cad", "logo": branding.logo.digest}
    page = owner_client.get("/organisation/branding/").content.decode()
    assert f"/branding/logo/{branding.logo.digest}.png" in page


def test_a_too_light_colour_is_refused_with_its_ratio_in_the_users_language(
    acme: Organisation, owner: Any
) -> None:
    client = host_client(acme.host, owner, language="fi")
    response = post_branding(client, accent="#7aa7d6")
    text = response.content.decode()
    ratio = colours.shown(colours.weakest_contrast("#7aa7d6"))
    assert response.status_code == 200
    assert f"{ratio:.2f}".replace(".", ",") + ":1" in text
    assert "4,5:1" in text
    assert not Branding.objects.filter(organisation=acme).exclude(accent="").exists()


def test_an_svg_logo_is_refused_at_the_field_and_nothing_is_saved(
    acme: Organisation, owner_client: Client
) -> None:
    svg = upload(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", "image/svg+xml")
    response = post_branding(owner_client, logo=svg, accent="#0b5cad")
    assert response.status_code == 200
    assert "SVG included, are not accepted" in response.content.decode()
    assert Branding.objects.get(organisation=acme).accent == ""
    assert not Logo.objects.exists()


def test_a_save_on_a_stale_page_is_refused(acme: Organisation, owner_client: Client) -> None:
    assert post_branding(owner_client, accent="#0b5cad").status_code == 302
    response = post_branding(owner_client, version=0, accent="#222222")
    assert response.status_code == 200
    assert "Another owner changed the branding" in response.content.decode()
    assert Branding.objects.get(organisation=acme).accent == "#0b5cad"


def test_only_owners_reach_the_branding_page(
    acme: Organisation, editor_client: Client, outsider_client: Client
) -> None:
    assert editor_client.get("/organisation/branding/").status_code == 403
    assert outsider_client.get("/organisation/branding/").status_code == 403


def test_a_logo_is_served_only_on_its_organisations_host(
    acme: Organisation, globex: Organisation, owner_client: Client
) -> None:
    post_branding(owner_client, logo=upload(image_bytes("JPEG"), "l.jpg", "image/jpeg"))
    digest = Logo.objects.get(organisation=acme).digest
    path = f"/branding/logo/{digest}.png"
    response = Client(HTTP_HOST=acme.host).get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    assert Client(HTTP_HOST=globex.host).get(path).status_code == 404


def test_the_branding_is_published_with_the_next_version_only(
    acme: Organisation, owner: Any, owner_client: Client
) -> None:
    with schema_context(acme.schema_name):
        full_controller()
        register = full_register()
        first = register_publish(register=register, user=owner, summary="First")
        assert first is not None
        assert "branding" not in first.data
        first_page = first.outputs.get(language="en").page
    post_branding(owner_client, logo=upload(image_bytes("WEBP"), "l.webp"), accent="#0b5cad")
    digest = Logo.objects.get(organisation=acme).digest
    with schema_context(acme.schema_name):
        second = register_publish(register=register, user=owner, summary="Branded")
        assert second is not None
        assert second.data["branding"] == {"accent": "#0b5cad", "logo": digest}
        assert first.outputs.get(language="en").page == first_page
        output = second.outputs.get(language="en")
    assert f'<img src="/branding/logo/{digest}.png" alt="Äänekosken Öljy Oy"' in output.page
    assert '<link rel="stylesheet" href="/branding/accent/0b5cad.css">' in output.page
    assert f"http://{acme.host}:8000/branding/logo/{digest}.png" in output.fragment
    assert 'data-seloste-accent="#0b5cad"' in output.fragment
    assert "/branding/accent/0b5cad.css" in output.frame
    reader = PdfReader(io.BytesIO(bytes(output.pdf)))
    images = [image.image for image in reader.pages[0].images]
    assert [image.size for image in images if image is not None] == [(320, 160)]


def test_the_accent_sheet_carries_only_an_accepted_colour(acme: Organisation) -> None:
    reader = Client(HTTP_HOST=acme.host)
    sheet = reader.get("/branding/accent/0b5cad.css")
    assert sheet.status_code == 200
    assert "--seloste-accent: #0b5cad;" in sheet.content.decode()
    assert reader.get("/branding/accent/eeeeee.css").status_code == 404
    assert reader.get("/branding/accent/red.css").status_code == 404


def test_removing_the_logo_keeps_it_for_the_versions_that_show_it(
    acme: Organisation, owner_client: Client
) -> None:
    post_branding(owner_client, logo=upload(image_bytes("PNG")))
    digest = Logo.objects.get(organisation=acme).digest
    assert post_branding(owner_client, version=1, remove_logo="on").status_code == 302
    assert Branding.objects.get(organisation=acme).logo is None
    assert Client(HTTP_HOST=acme.host).get(f"/branding/logo/{digest}.png").status_code == 200
