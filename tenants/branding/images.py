"""Uploaded logos made safe: raster formats only, bounded in bytes and pixels, re-encoded.

Nothing of the upload is kept but its pixels: the image is decoded by Pillow's decoder for the
format it claims (PNG, JPEG or WebP; SVG and everything else are refused), its size checked
before decoding, then drawn into a fresh image and written as PNG, without metadata.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 1024 * 1024
MAX_SIDE = 4000
FORMATS = ("PNG", "JPEG", "WEBP")
# Logos are shown at most this tall (in CSS pixels, at twice the density for sharp screens).
HEIGHT = 160
MAX_WIDTH = 800


class LogoRefused(Exception):
    """Why an upload cannot be a logo; ``code`` selects the message shown at the field."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class CleanLogo:
    png: bytes
    width: int
    height: int

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.png).hexdigest()


def clean_logo(data: bytes) -> CleanLogo:
    """The upload re-encoded as a PNG at most HEIGHT × MAX_WIDTH; raises LogoRefused."""
    if len(data) > MAX_BYTES:
        raise LogoRefused("too_large")
    image = _decoded(data)
    image = ImageOps.exif_transpose(image) or image
    image = image.convert("RGBA")
    image.thumbnail((MAX_WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    # A fresh image holds the pixels and nothing else: no profile, comments or EXIF survive.
    fresh = Image.frombytes("RGBA", image.size, image.tobytes())
    out = io.BytesIO()
    fresh.save(out, format="PNG", optimize=True)
    return CleanLogo(png=out.getvalue(), width=fresh.width, height=fresh.height)


def _decoded(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, on images far larger than their bytes suggest.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise LogoRefused("too_many_pixels")
            image.load()
    except LogoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise LogoRefused("too_many_pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise LogoRefused("not_an_image") from None
    return image
