"""Figure providers: how the map and the timeline get into the PDF.

A provider is a callable ``(ws, day, size_px) -> QImage | QPicture | None``
where ``size_px`` is ``(width, height)`` in pixels at 300 dpi for the space
the figure gets on the page. Providers are looked up at export time: one
registered with :func:`register_figure_provider` wins; otherwise the
default module's function is imported if it exists. A missing provider, an
exception or an empty image leaves the figure out with a sentence saying
why; the export never fails because of a figure.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing_app.model.types import Workspace

FigureProvider = Callable[[Workspace, _dt.date, tuple[int, int]], Any]

# kind -> (module, function) tried when nothing is registered
DEFAULT_PROVIDERS = {
    "map": ("briefing_app.render.map.image", "render_map_image"),
    "timeline": ("briefing_app.render.timeline.image", "render_timeline_image"),
}
_registry: dict[str, FigureProvider] = {}


def register_figure_provider(kind: str, provider: FigureProvider | None) -> None:
    """Use ``provider`` for figures of ``kind`` ("map", "timeline"); None removes it."""
    if provider is None:
        _registry.pop(kind, None)
    else:
        _registry[kind] = provider


def figure_provider(kind: str) -> tuple[FigureProvider | None, str]:
    """The provider for ``kind`` and, when there is none, why."""
    if kind in _registry:
        return _registry[kind], ""
    module_name, func_name = DEFAULT_PROVIDERS.get(kind, ("", ""))
    if not module_name:
        return None, f"no provider for '{kind}' figures"
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None, f"the {kind} view is not part of this installation"
    except Exception as exc:  # a broken view module must not break the export
        return None, f"the {kind} view failed to load: {exc}"
    func = getattr(module, func_name, None)
    if not callable(func):
        return None, f"{module_name} has no {func_name}()"
    return func, ""


def call_provider(provider: FigureProvider, ws: Workspace, day: _dt.date, size_px: tuple[int, int],
                  x_range: tuple[_dt.date, _dt.date] | None = None) -> Any:
    """Call a provider, matching its parameter names when it has its own order.

    ``(ws, day, size_px)`` is the contract; a view function named differently
    (``render_timeline_image(ws, size, day=None, *, today=None)``) gets its
    arguments by name: a parameter with "size" in its name gets the size, one
    named day/date/as_of the day, and ``today`` the day too (open states end
    at the briefing date, which keeps the figure deterministic). ``x_range``
    (the period to show) goes to a parameter of that name; a provider
    without one draws its whole extent.
    """
    try:
        params = list(inspect.signature(provider).parameters.values())
    except (TypeError, ValueError):
        return provider(ws, day, size_px)
    names = [p.name for p in params[1:]]
    extra = {"x_range": x_range} if x_range is not None and "x_range" in names else {}
    if names[:2] in (["day", "size_px"], ["day", "size"]) or not any("size" in n for n in names):
        return provider(ws, day, size_px, **extra)
    kwargs: dict[str, Any] = {}
    for n in names:
        if "size" in n:
            kwargs[n] = size_px
        elif n in ("day", "date", "as_of", "today"):
            kwargs[n] = day
    return provider(ws, **kwargs, **extra)


def _takes(func: Any, name: str) -> bool:
    try:
        return name in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


@dataclass
class FigureResult:
    """What a provider gave: an image or picture, or the reason there is none."""

    image: Any = None  # QImage or QPicture
    reason: str = ""


def render_figure(kind: str, ws: Workspace, day: _dt.date, size_px: tuple[int, int],
                  x_range: tuple[_dt.date, _dt.date] | None = None) -> FigureResult:
    """Ask the provider for one figure (of the period ``x_range``, when given); never raises."""
    provider, reason = figure_provider(kind)
    if provider is None:
        return FigureResult(reason=reason)
    if x_range is not None and not _takes(provider, "x_range"):
        return FigureResult(reason=f"the {kind} view cannot draw a chosen period")
    try:
        image = call_provider(provider, ws, day, size_px, x_range)
    except Exception as exc:
        return FigureResult(reason=f"the {kind} could not be drawn ({type(exc).__name__}: {exc})")
    if image is None or (hasattr(image, "isNull") and image.isNull()):
        return FigureResult(reason=f"the {kind} view returned no image")
    return FigureResult(image=image)
