"""Learners who lag behind (stragglers), reminders to them, the weekly digest to
their coordinators and the effect of reminders on completions."""
