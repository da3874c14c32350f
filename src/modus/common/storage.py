"""Storage for files that the web server does not serve, such as badge PDFs (their QR codes
open check-in and lead capture) and people's photos: a view reads them after asking the
permission policy."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
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

    def url(self, name):
        return reverse("directory:photo", args=[name])


photo_storage = PhotoStorage()
