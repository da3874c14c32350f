"""factory_boy factories: small, explicit objects for each test."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from modus.directory.models import Membership, Opportunity, Organisation, OrganisationKind, Person
from modus.directory.search import refresh_search_text
from modus.events.models import Event, Participant


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password(None)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.COMPANY
    country = "CZ"
    city = "Brno"
    description = "Makes things."

    @factory.post_generation
    def search(self, create, extracted, **kwargs):
        if create:
            refresh_search_text(self)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    first_name = "Eva"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    country = "CZ"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    member = factory.SubFactory(OrganisationFactory)
    parent = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.CLUSTER)


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    person = factory.SubFactory(PersonFactory)
    direction = Opportunity.Direction.OFFER
    kind = Opportunity.Kind.PRODUCT
    title = "Precision optics for laser systems"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Conference {n}")
    slug = factory.Sequence(lambda n: f"conference-{n}")
    start_date = date(2022, 9, 26)
    end_date = date(2022, 9, 27)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = Participant.Role.DELEGATE
