"""Quiz mode without widgets: banks, generated questions, grading, sessions, records, review.

Nothing here imports Qt: the widgets in ``app/ui/quiz`` drive these objects, and so do the tests and
``main.py --quiz-demo``. Time is always passed in (a clock function), never read from the wall.
"""
