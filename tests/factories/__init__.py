"""factory_boy factories for the domain models, one module per app."""

from tests.factories.courses import (
    CourseFactory,
    CourseIndexPageFactory,
    LessonPageFactory,
    QuizPageFactory,
    build_course,
    course_catalogue,
    quiz_questions,
)
from tests.factories.people import (
    DEFAULT_PASSWORD,
    LearnerMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolClassFactory,
    UserFactory,
    learner_in,
    member_of,
)

__all__ = [
    "DEFAULT_PASSWORD",
    "CourseFactory",
    "CourseIndexPageFactory",
    "LearnerMembershipFactory",
    "LessonPageFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "QuizPageFactory",
    "SchoolClassFactory",
    "UserFactory",
    "build_course",
    "course_catalogue",
    "learner_in",
    "member_of",
    "quiz_questions",
]
