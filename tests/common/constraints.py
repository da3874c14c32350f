"""Shared check: every model constraint of some apps says what is wrong in words a person
understands (and Czech), instead of Django's "Constraint “name” is violated."."""

from django.apps import apps
from django.utils import translation


def constraints_of(*app_labels: str) -> list[tuple[str, object]]:
    """("app.Model.constraint_name", constraint) for every constraint of the apps' models."""
    return [
        (f"{label}.{model.__name__}.{constraint.name}", constraint)
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
        for constraint in model._meta.constraints
    ]


def constraints_without_a_message(*app_labels: str) -> list[str]:
    """The constraints that keep Django's default message, or have no Czech for theirs."""
    missing = []
    for name, constraint in constraints_of(*app_labels):
        message = constraint.violation_error_message
        if message is None or message == constraint.default_violation_error_message:
            missing.append(name)
            continue
        with translation.override("cs"):
            czech = str(message)
        with translation.override("en"):
            english = str(message)
        if czech == english:
            missing.append(f"{name} (no Czech)")
    return missing
