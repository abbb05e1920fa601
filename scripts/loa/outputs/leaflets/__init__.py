"""Leaflets: print-ready PDF leaflets from the content model.

plan (which leaflets) -> blocks (campaign text as data) -> layout (measure,
pack into a format's panels, render, check) -> render (many at once: cache,
and `workers`, a campaign's leaflets to one worker process). Formats are registered in `formats`; `engine` is the only
module that imports the print engine (Typst).
"""

from .layout import render_one
from .plan import LeafletJob, plan_leaflets
from .render import BackgroundRender, planned_links, prune_cache, render_leaflets

__all__ = ["BackgroundRender", "LeafletJob", "plan_leaflets", "planned_links", "prune_cache", "render_leaflets",
           "render_one"]
