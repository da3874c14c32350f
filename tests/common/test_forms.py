"""Shared form fields."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from modus.common.forms import ModelMultipleChoiceField
from modus.directory.models import Ecosystem, Opportunity
from tests.directory.test_forms import profile_post
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize("values", [[HUGE], ["1", HUGE], ["-" + HUGE]])
def test_an_id_too_large_for_the_database_is_an_invalid_choice(values):
    field = ModelMultipleChoiceField(queryset=Ecosystem.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean(values)
    assert refused.value.code == "invalid_choice"


def test_a_forged_huge_ecosystem_id_on_a_profile_is_a_field_error(client):
    person = PersonFactory()
    client.force_login(person.user)
    response = client.post(
        reverse("directory:profile"), profile_post(**{"opportunities-0-ecosystems": HUGE})
    )
    assert response.status_code == 200
    assert "ecosystems" in response.context["formset"].forms[0].errors
    assert Opportunity.objects.count() == 0
