"""Constraint violations shown on the field a person has to correct.

Django reports a broken check or a unique constraint over an expression as an error of the
whole form, above it; a model that names, per constraint, the one field at fault gets the
message beside that field instead, in forms, the admin and `full_clean` alike.
"""

from django.core.exceptions import ValidationError
from django.db import models, router


class ConstraintErrorsOnFields(models.Model):
    """A model whose constraints report on fields: `constraint_fields` maps a constraint's
    name to the field its message belongs to. Constraints left out keep Django's placement."""

    constraint_fields: dict[str, str] = {}

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None) -> None:
        # Django's own loop (Model.validate_constraints), with the field looked up first.
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    field = self.constraint_fields.get(constraint.name)
                    if field is None and error.code == "unique" and len(constraint.fields) == 1:
                        field = constraint.fields[0]
                    if field is None:
                        errors = error.update_error_dict(errors)
                    else:
                        errors.setdefault(field, []).append(error)
        if errors:
            raise ValidationError(errors)
