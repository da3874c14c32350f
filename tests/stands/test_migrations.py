"""The data step of the stands' migrations."""

import re

import pytest
from PIL import Image

from modus.stands.models import Hall, Stand, natural_key
from tests.migrations import migrate, migrate_to_the_latest
from tests.stands.helpers import stand_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_plans_uploaded_before_lose_their_metadata_and_names(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = stand_world()
    second = Hall.objects.create(event=world.event, name="Hall B")
    migrate([("stands", "0001_initial")])
    uploaded = tmp_path / "halls"
    uploaded.mkdir()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (5000, 2500), "white").save(uploaded / "venue-plan.jpg", "JPEG", exif=exif)
    (uploaded / "broken.png").write_bytes(b"not a plan Pillow reads")
    Hall.objects.filter(pk=world.hall.pk).update(image="halls/venue-plan.jpg")
    Hall.objects.filter(pk=second.pk).update(image="halls/broken.png")
    try:
        migrate([("stands", "0002_hall_plans_kept_without_metadata")])
        kept = Hall.objects.get(pk=world.hall.pk).image.name
        assert re.fullmatch(r"halls/[\w-]{24}\.jpg", kept)
        with Image.open(tmp_path / kept) as plan:
            assert (plan.size, dict(plan.getexif())) == ((3000, 1500), {})
        assert not (uploaded / "venue-plan.jpg").exists()
        assert Hall.objects.get(pk=second.pk).image.name == "halls/broken.png"
        assert (uploaded / "broken.png").exists()
    finally:
        migrate_to_the_latest()


def test_stands_made_before_get_their_number_keys():
    world = stand_world()
    migrate([("stands", "0002_hall_plans_kept_without_metadata")])
    try:
        migrate([("stands", "0003_stand_number_key")])
        key = Stand.objects.values_list("number_key", flat=True).get(pk=world.stand.pk)
        assert key == natural_key(world.stand.number) != ""
    finally:
        migrate_to_the_latest()


def test_stands_numbered_alike_but_for_case_are_told_apart():
    world = stand_world()
    apps = migrate([("stands", "0003_stand_number_key")])
    try:
        twin = apps.get_model("stands", "Stand").objects.create(
            event_id=world.event.pk, number="a1", name="Twin"
        )
        migrate([("stands", "0004_stand_number_unique_ignoring_case")])
        numbers = Stand.objects.filter(event=world.event).values_list("number", "number_key")
        assert sorted(numbers) == [
            ("A1", natural_key("A1")),
            ("A2", natural_key("A2")),
            (f"a1-{twin.pk}", natural_key(f"a1-{twin.pk}")),
        ]
    finally:
        migrate_to_the_latest()
