"""The data step of the awards' migrations."""

import re

import pytest
from PIL import Image

from modus.awards.models import Nominee
from tests.awards.helpers import voting_world
from tests.migrations import migrate, migrate_to_the_latest

pytestmark = pytest.mark.django_db(transaction=True)


def test_pictures_uploaded_before_move_where_the_web_server_does_not_serve_them(settings, tmp_path):
    settings.MEDIA_ROOT, settings.PRIVATE_ROOT = tmp_path / "media", tmp_path / "private"
    first, second, third = voting_world().nominees
    migrate([("awards", "0001_initial")])
    uploaded = tmp_path / "media" / "awards"
    uploaded.mkdir(parents=True)
    (uploaded / "logo.png").write_bytes(b"not a picture Pillow reads")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (1200, 900), "red").save(uploaded / "alena.jpg", "JPEG", exif=exif)
    # The column is the same before and after: only where the files live changes.
    Nominee.objects.filter(pk=first.pk).update(picture="awards/alena.jpg")
    Nominee.objects.filter(pk=second.pk).update(picture="awards/logo.png")
    Nominee.objects.filter(pk=third.pk).update(picture="awards/gone.png")
    try:
        migrate([("awards", "0002_nominee_pictures_behind_the_policy")])
        kept = Nominee.objects.get(pk=first.pk).picture.name
        assert re.fullmatch(r"nominees/[\w-]{24}\.jpg", kept)  # a new, random name
        with Image.open(tmp_path / "private" / kept) as picture:
            assert (picture.size, dict(picture.getexif())) == ((512, 384), {})
        unread = tmp_path / "private" / "awards" / "logo.png"
        assert unread.read_bytes() == b"not a picture Pillow reads"
        assert list(uploaded.iterdir()) == []
        migrate([("awards", "0001_initial")])
        assert (uploaded / "logo.png").exists()
        assert (tmp_path / "media" / kept).exists()
    finally:
        migrate_to_the_latest()
