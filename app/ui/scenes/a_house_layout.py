"""Where the parts of the house scene go, for the stage's shape.

On a 16:9 stage (and without a view: tests, handouts) the story reads left to right in one band: the
plan, the building site, the magic and the backpack, the warehouse, the new land. On a squarish stage
(the window's usual case, see a_stage_shape) it takes two bands: the plan and the building site on
top (Build), then the warehouse, the magic with the backpack, and the new land under them (Ship to
the left, Run to the right of the backpack). Wider columns there let the Dockerfile lines and the
names be shown in full at large text sizes. The technical view splits the same way.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF


@dataclass(frozen=True)
class HouseLayout:
    plan: QRectF          # the Dockerfile card (its height is the most it may take)
    site_x: float         # the building site: left edge and width
    site_w: float
    site_top: float       # the highest the house (with its label) may reach
    ground_y: float       # where the floors stand
    house_w: float
    magic: QPointF        # top-left of the magic picture
    pack: QPointF         # top-left of the backpack picture
    pack_bottom: float    # the image chips under the backpack stop here
    warehouse: QRectF     # the warehouse picture (its heading goes just above)
    warehouse_bottom: float  # the list of repositories under it stops here
    warehouse_head_w: float  # its heading and list (centred on the picture)
    land: QRectF          # the new land: heading and plots
    land_cols: int        # plots per row on the new land
    caption_w: float      # the magic's caption
    # technical view
    layers: QRectF
    image: QRectF
    registry: QRectF
    ps: QRectF
    tall: bool = False


def wide_layout(height: float = 900.0) -> HouseLayout:
    """One band, left to right (the original 1600 x 900 picture)."""
    return HouseLayout(
        plan=QRectF(24, 96, 330, 680), site_x=392.0, site_w=360.0, site_top=150.0, ground_y=800.0,
        house_w=270.0, magic=QPointF(790, 240), pack=QPointF(806, 470), pack_bottom=height - 20,
        warehouse=QRectF(990, 96, 310, 213), warehouse_bottom=540.0, warehouse_head_w=330.0, land=QRectF(1330, 94, 250, 786),
        land_cols=1, caption_w=170.0, layers=QRectF(372, 96, 700, 520), image=QRectF(372, 640, 700, 236),
        registry=QRectF(1092, 96, 486, 300), ps=QRectF(1092, 416, 486, 460))


def tall_layout(width: float, height: float, top: float, line_h: float, house_h: float) -> HouseLayout:
    """A squarish stage: the plan down the whole left side; on the right, the building site with the
    magic and the backpack beside it on top (Build, then the copy), the new land under the house
    (Run goes down to the left) and the warehouse under the backpack (Ship goes down). ``top`` is under the title, ``line_h``
    one line of label text, ``house_h`` what the house with its label and door sign needs (the top
    band grows to hold it, between 45% and 72% of the height)."""
    avail = height - top - 24
    band1 = min(max(house_h, avail * 0.45), avail * 0.72)
    notes_h = 2 * line_h + 8  # the door sign may wrap to two lines
    y2 = top + band1 + 24
    h2 = height - 24 - y2
    plan_w = 560.0
    right_x = 24 + plan_w + 36
    right_w = width - 24 - right_x
    site_w = right_w * 0.58
    col_x = right_x + site_w + 20
    col_w = width - 24 - col_x
    ground = top + band1 - notes_h - 56  # the sign hangs 46 under the ground line
    # the new land under the house (Run goes down-left), the warehouse under the backpack (Ship goes down)
    land_x, land_w = right_x, right_w * 0.6 - 10
    wh_col = right_x + right_w * 0.6 + 10
    wh_w = max(160.0, min(right_w * 0.38, 440.0, (h2 - 4 * line_h - 30) * 310 / 213))
    magic = QPointF(col_x + (col_w - 130) / 2, top)
    return HouseLayout(
        plan=QRectF(24, top, plan_w, height - 24 - top), site_x=right_x, site_w=site_w, site_top=top + line_h + 12,
        ground_y=ground, house_w=min(360.0, site_w - 60), magic=magic,
        pack=QPointF(col_x + 4, magic.y() + 112 + 2 * line_h + 40), pack_bottom=top + band1,
        warehouse=QRectF(wh_col + (width - 24 - wh_col - wh_w) / 2, y2, wh_w, wh_w * 213 / 310),
        warehouse_bottom=height - 20, warehouse_head_w=width - 24 - wh_col, land=QRectF(land_x, y2, land_w, h2), land_cols=2 if land_w >= 440 else 1,
        caption_w=col_w, layers=QRectF(right_x, top, right_w, band1), image=QRectF(right_x, y2, right_w * 0.5, h2),
        registry=QRectF(right_x + right_w * 0.5 + 16, y2, right_w * 0.5 - 16, h2 * 0.4),
        ps=QRectF(right_x + right_w * 0.5 + 16, y2 + h2 * 0.4 + 16, right_w * 0.5 - 16, h2 * 0.6 - 16), tall=True)
