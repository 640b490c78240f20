"""Widgets the shell hosts in its details dock for the cluster scenes.

* :class:`BreakdownTable` (``breakdown.py``): the scheduler's decision for one pod.
* :class:`ObjectInspector` (``inspector.py``): any object's YAML and its events.
* :class:`UtilisationChart` (``utilisation.py``): node utilisation and pod counts over time.
* :class:`ClusterDetails` (``cluster_details.py``): the three in tabs, with ``show_object`` to wire
  to ``ClusterScene.object_selected`` and ``on_events`` / ``on_restored`` for the controller signals.
"""
from .breakdown import BreakdownTable
from .cluster_details import ClusterDetails
from .inspector import ObjectInspector
from .utilisation import UtilisationChart

__all__ = ["BreakdownTable", "ClusterDetails", "ObjectInspector", "UtilisationChart"]
