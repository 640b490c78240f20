"""The Qt front end: windows, scenes, colour profiles. Mirrors the engine, never decides."""
