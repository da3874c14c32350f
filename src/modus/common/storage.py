"""Storage for files that no URL serves, such as badge PDFs (their QR codes open check-in
and lead capture): a view reads them after asking the permission policy."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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
