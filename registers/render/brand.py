"""An organisation's branding as the writers need it: a logo and an accent, either optional.

The publishing side fills it from what was published; writers show only what it holds, and an
organisation without branding gets exactly the outputs it would without this module.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass


@dataclass(frozen=True)
class Brand:
    name: str  # the organisation's name: the logo's text alternative
    accent: str = ""  # "#rrggbb", contrast-checked when it was chosen
    accent_sheet: str = ""  # the stylesheet of that accent, on the page's own host
    logo_url: str = ""  # absolute, on the organisation's host (the fragment travels)
    logo_path: str = ""  # on the same host as the page that shows it
    logo_png: bytes = b""  # for the PDF, which fetches nothing
    logo_width: int = 0
    logo_height: int = 0

    @property
    def logo_data_uri(self) -> str:
        if not self.logo_png:
            return ""
        return "data:image/png;base64," + base64.b64encode(self.logo_png).decode()

    @property
    def shown_height(self) -> int:
        # Stored at twice the shown size, for sharp screens.
        return max(1, self.logo_height // 2)

    @property
    def shown_width(self) -> int:
        return max(1, self.logo_width // 2)
