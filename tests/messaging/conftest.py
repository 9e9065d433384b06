"""Three approved delegates of one event and its organizer, for the messaging tests."""

from dataclasses import dataclass

import pytest

from forum.registration.models import Registration


@dataclass
class Cast:
    event: object
    organizer: object
    ana: Registration  # writes in English
    bruno: Registration  # reads in Spanish
    carla: Registration  # a third delegate, stranger to their conversation


@pytest.fixture
def cast(create_user, create_event, create_registration) -> Cast:
    organizer = create_user("secretaria@fao.example", "Secretaría FAO")
    event = create_event([organizer])
    ana = create_registration(event, "Ana Quispe", "Cooperativa Oro Verde")
    bruno = create_registration(event, "Bruno Ferrari", "Banca Etica", locale="es")
    carla = create_registration(event, "Carla Gutiérrez", "Gobierno Regional de Cajamarca")
    return Cast(event, organizer, ana, bruno, carla)
