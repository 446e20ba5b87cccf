"""Which function composes which asset type: each stage module registers its writers with ``@composes``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.assets import Asset
from planner.compose._context import Ctx

ComposeFn = Callable[[Ctx], dict[str, Any]]

_COMPOSERS: dict[str, ComposeFn] = {}


def composes(model: type[Asset]) -> Callable[[ComposeFn], ComposeFn]:
    """Register the decorated function as the offline writer of ``model``'s fields."""

    def register(fn: ComposeFn) -> ComposeFn:
        if model.asset_type in _COMPOSERS:
            raise RuntimeError(f"two composers for {model.asset_type}")
        _COMPOSERS[model.asset_type] = fn
        return fn

    return register


def composer_for(model: type[Asset]) -> ComposeFn:
    try:
        return _COMPOSERS[model.asset_type]
    except KeyError:
        raise LookupError(f"no offline composer is registered for {model.asset_type}") from None
