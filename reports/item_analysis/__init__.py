"""Item analysis of quizzes in the Wagtail admin: how each question was answered."""
