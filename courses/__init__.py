"""Courses: course, lesson and quiz pages, and the learning records that follow them."""
