"""The data step of the directory's migrations."""

import re

import pytest
from PIL import Image

from tests.migrations import migrate, migrate_to_the_latest

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_search_text_holds_only_public_profiles_offers():
    apps = migrate([("directory", "0005_join_requests_and_limits")])
    Organisation = apps.get_model("directory", "Organisation")
    Person = apps.get_model("directory", "Person")
    User = apps.get_model("accounts", "User")
    organisation = Organisation.objects.create(
        name="Optika Turnov", slug="optika", kind="company", country="CZ", description="Čočky"
    )
    for number, (visibility, title) in enumerate(
        [("public", "Laser optics"), ("participants", "Secret prisms")]
    ):
        person = Person.objects.create(
            user=User.objects.create(email=f"p{number}@example.org"),
            first_name="Eva",
            last_name=f"N{number}",
            organisation=organisation,
            visibility=visibility,
        )
        person.opportunities.create(direction="offer", kind="product", title=title)
    try:
        apps = migrate([("directory", "0006_public_search_text")])
        text = apps.get_model("directory", "Organisation").objects.get().public_search_text
        assert text.split() == ["optika", "turnov", "czechia", "cocky", "laser", "optics"]
    finally:
        migrate_to_the_latest()


def test_search_texts_become_word_keys_with_name_and_profile_apart():
    apps = migrate([("directory", "0006_public_search_text")])
    Organisation = apps.get_model("directory", "Organisation")
    Person = apps.get_model("directory", "Person")
    User = apps.get_model("accounts", "User")
    organisation = Organisation.objects.create(
        name="Optika Turnov", slug="optika", kind="company", country="CZ", description="Čočky"
    )
    for number, (visibility, title) in enumerate(
        [("public", "Laser optics"), ("participants", "Secret prisms"), ("hidden", "Hidden")]
    ):
        person = Person.objects.create(
            user=User.objects.create(email=f"p{number}@example.org"),
            first_name="Eva",
            last_name=f"N{number}",
            organisation=organisation,
            visibility=visibility,
        )
        person.opportunities.create(direction="offer", kind="product", title=title)
    try:
        apps = migrate([("directory", "0009_search_keys_and_weights")])
        after = apps.get_model("directory", "Organisation").objects.get()
        assert (after.search_name, after.search_profile) == (
            " optik turnov",
            " firm firm czechi cock",
        )
        assert after.public_search_text == " optik turnov firm firm czechi cock laser optik"
        assert after.search_text == (" optik turnov firm firm czechi cock laser optik secret prism")
    finally:
        migrate_to_the_latest()


def test_photos_uploaded_before_move_where_the_web_server_does_not_serve_them(settings, tmp_path):
    settings.MEDIA_ROOT, settings.PRIVATE_ROOT = tmp_path / "media", tmp_path / "private"
    apps = migrate([("directory", "0011_introductions")])
    Person = apps.get_model("directory", "Person")
    User = apps.get_model("accounts", "User")
    (tmp_path / "media" / "people").mkdir(parents=True)
    (tmp_path / "media" / "people" / "eva.png").write_bytes(b"not a photo Pillow reads")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (1200, 900), "red").save(
        tmp_path / "media" / "people" / "jan.jpg", "JPEG", exif=exif
    )
    for number, photo in enumerate(["people/eva.png", "people/gone.png", "", "people/jan.jpg"]):
        Person.objects.create(
            user=User.objects.create(email=f"p{number}@example.org"),
            first_name="Eva",
            last_name=f"N{number}",
            photo=photo,
        )
    try:
        apps = migrate([("directory", "0012_photos_behind_the_policy")])
        assert (
            tmp_path / "private" / "people" / "eva.png"
        ).read_bytes() == b"not a photo Pillow reads"
        assert not (tmp_path / "media" / "people" / "eva.png").exists()
        jan = apps.get_model("directory", "Person").objects.get(last_name="N3").photo.name
        assert re.fullmatch(r"people/[\w-]{24}\.jpg", jan)  # a new, random name
        with Image.open(tmp_path / "private" / jan) as kept:
            assert (kept.size, dict(kept.getexif())) == ((512, 384), {})
        assert sorted(path.name for path in (tmp_path / "media" / "people").iterdir()) == []
        migrate([("directory", "0011_introductions")])
        assert (tmp_path / "media" / "people" / "eva.png").exists()
        assert (tmp_path / "media" / jan).exists()
    finally:
        migrate_to_the_latest()
