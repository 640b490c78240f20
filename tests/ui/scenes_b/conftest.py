import pytest

from app.ui.theme import NORMAL

from .fake_cluster import FakeController, FakeWorld


@pytest.fixture
def make_scene(qapp):
    made = []

    def make(cls, world=None, profile=NORMAL, lang="en"):
        world = world or FakeWorld()
        scene = cls(FakeController(world), profile, lang)
        scene.set_animations_enabled(False)
        scene.rebuild()
        made.append(scene)
        return scene, world

    yield make
    for s in made:
        s.finish_animations()
