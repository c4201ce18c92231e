"""factory_boy factories for the domain models, one module per app."""

from tests.factories.courses import (
    CourseFactory,
    CourseIndexPageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizPageFactory,
    build_course,
    course_catalogue,
    quiz_questions,
)
from tests.factories.jobs import (
    ClassArchiveFactory,
    ExportJobFactory,
    RosterImportFactory,
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
    "ClassArchiveFactory",
    "ExportJobFactory",
    "RosterImportFactory",
    "DEFAULT_PASSWORD",
    "CourseFactory",
    "CourseIndexPageFactory",
    "LearnerMembershipFactory",
    "LessonPageFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "QuestionFactory",
    "QuizPageFactory",
    "SchoolClassFactory",
    "UserFactory",
    "build_course",
    "course_catalogue",
    "learner_in",
    "member_of",
    "quiz_questions",
]
