from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "modus.demo"
    label = "demo"
