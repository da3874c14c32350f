"""Storage for files that the web server does not serve, such as badge PDFs (their QR codes
open check-in and lead capture), people's photos and award nominees' pictures: a view reads
them after asking the permission policy."""

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.urls.converters import PathConverter
from django.utils.deconstruct import deconstructible


class PrivateStorage(FileSystemStorage):
    """`settings.PRIVATE_ROOT`, read at each use, so that tests may point it elsewhere."""

    @property
    def base_location(self):
        return settings.PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; a view serves them.")


private_storage = PrivateStorage()


@deconstructible
class PhotoStorage(PrivateStorage):
    """People's photos: their address is a view that shows a photo only to those who may see
    its person, so a hidden profile's photo stays hidden to whoever has kept the address."""

    view_name = "directory:photo"

    def url(self, name):
        return reverse(self.view_name, args=[name])


@deconstructible
class NomineePictureStorage(PhotoStorage):
    """Award nominees' pictures: shown to those who may see the nominee (a nominee not on the
    ballot, to those who manage the event only)."""

    view_name = "nominee-picture"


photo_storage = PhotoStorage()
nominee_picture_storage = NomineePictureStorage()


class StoredNameConverter(PathConverter):
    """A private file's stored name in an address: any path without a NUL character, which
    PostgreSQL refuses to compare (the lookup failed with 500 instead of 404)."""

    regex = r"[^\x00]+"


IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}


def random_name(folder: str, filename: str) -> str:
    """`folder`/random characters, with the file's image extension: one address tells
    nothing of another, and is not guessed from the uploaded file's name."""
    extension = os.path.splitext(filename)[1].lower()
    if extension not in IMAGE_EXTENSIONS:
        extension = ""
    return f"{folder}/{secrets.token_urlsafe(18)}{extension}"
