import factory
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point

from places.models import Organisation, Place, PlaceKind, Precision
from places.services import places_locate


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"worker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Buurtwerk {n}")
    verified = True


class PlaceFactory(factory.django.DjangoModelFactory):
    """A place inside the test territory (see the `territory` fixture)."""

    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    kind = PlaceKind.COMMUNITY_CENTRE
    address = "Dorpsstraat 1, 9000 Testdorp"
    location = factory.LazyFunction(lambda: Point(3.705, 51.005, srid=4326))
    precision = Precision.EXACT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        place = model_class(*args, **kwargs)
        places_locate([place])  # as the services do: area and public point follow the point
        place.save()
        return place
