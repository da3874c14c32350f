from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "modus.directory"
    label = "directory"
