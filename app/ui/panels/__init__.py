"""Widgets the shell hosts in its details dock for the cluster scenes.

* :class:`BreakdownTable` (``breakdown.py``): the scheduler's decision for one pod.
* :class:`ObjectInspector` (``inspector.py``): any object's YAML and its events.
* :class:`UtilisationChart` (``utilisation.py``): node utilisation and pod counts over time.
* :class:`ClusterDetails` (``cluster_details.py``): the three in tabs, with ``show_object`` to wire
  to ``ClusterScene.object_selected`` and ``on_events`` / ``on_restored`` for the controller signals.
  ``ClusterScene.make_details_widget()`` returns one already wired to the scene.

Names are loaded on first use, so importing a scene does not pay for pyqtgraph at start-up.
"""
from __future__ import annotations

import importlib
from typing import Any

_WHERE = {"BreakdownTable": "breakdown", "ClusterDetails": "cluster_details",
          "ObjectInspector": "inspector", "UtilisationChart": "utilisation"}
__all__ = list(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(name)
