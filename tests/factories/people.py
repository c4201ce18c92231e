"""People: users, units, classes and memberships. Times are set per object."""

import factory

from people.models import Membership, Organisation, SchoolClass, User

DEFAULT_PASSWORD = "Mật-khẩu-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Học {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")

    @classmethod
    def _create(cls, model_class, *args, password=DEFAULT_PASSWORD, **kwargs):
        return model_class.objects.create_user(*args, password=password, **kwargs)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """Creates a root unit; pass ``parent=`` to add it under another unit."""

    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"ORG-{n:04d}")
    # zero-padded so that name order is creation order: treebeard keeps siblings
    # sorted by name and renumbers paths when a new one sorts first, which left
    # unit objects held by a test with stale paths ("99" sorted after "100")
    name = factory.Sequence(lambda n: f"Đơn vị số {n:05d}")
    kind = Organisation.Kind.SCHOOL

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        node = model_class(**kwargs)
        if parent is None:
            return model_class.add_root(instance=node)
        return parent.add_child(instance=node)


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass

    name = factory.Sequence(lambda n: f"10A{n}")
    school_year = "2026-2027"
    grade = 10
    organisation = factory.SubFactory(OrganisationFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.LEARNER


class LearnerMembershipFactory(MembershipFactory):
    """A learner's place in a class, and so in the class's school."""

    school_class = factory.SubFactory(SchoolClassFactory)
    organisation = factory.SelfAttribute("school_class.organisation")


def learner_in(school_class, **user_fields):
    """A new user learning in ``school_class``; ``user_fields`` go to UserFactory."""
    user = UserFactory(**user_fields)
    LearnerMembershipFactory(user=user, school_class=school_class)
    return user


def member_of(unit, role, **user_fields):
    """A new user with ``role`` (coordinator, viewer…) in ``unit``."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=unit, role=role)
    return user
