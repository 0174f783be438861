"""Settings read from the environment: one word out of a fixed list, a wrong one is one clear line."""

from __future__ import annotations

import os

from ..errors import InputError


def env_choice(name: str, choices: tuple[str, ...]) -> str:
    """$name, lower-cased, when it is one of ``choices`` (the first is the default when it is unset or empty)."""
    value = os.environ.get(name, "").strip().lower() or choices[0]
    if value not in choices:
        raise InputError(f"{name}={value!r}: choose one of {', '.join(choices)}")
    return value
