"""Lesson files (lessons/chapters/*.toml): load, validate, and play them headless. No Qt here.

``lessons/`` (top level) is the data, *what* we teach; this package is *how* it is read.
"""
