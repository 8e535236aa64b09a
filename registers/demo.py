"""The demo organisation's content."""

from __future__ import annotations

import datetime

from registers.models import Controller
from registers.sectors import Sector, create_from_sector


def fill_demo() -> None:
    controller = Controller.load()
    controller.legal_name = "Demo Clinic Oy"
    controller.business_id = "1572860-0"
    controller.street_address = "Esimerkkikatu 1"
    controller.postal_code = "00100"
    controller.city = "Helsinki"
    controller.email = "tietosuoja@demo.example"
    controller.phone = "+358 9 123 4567"
    controller.contact_name = "Maija Meikäläinen"
    controller.contact_email = "maija@demo.example"
    controller.save()
    register = create_from_sector(
        Sector.CLINIC,
        name={"fi": "Potilasrekisteri", "en": "Patient register"},
        slug="patients",
        languages=["fi", "en"],
    )
    # The one answer a sector template leaves to the organisation.
    register.effective_date = datetime.date(2026, 1, 1)
    register.save(update_fields=["effective_date"])
