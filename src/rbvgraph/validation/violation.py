"""One problem in the data, in words a data steward understands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """Which rule, in which file, about which node and property, and what to do about it.

    ``rule`` is the stable name of the check that failed (a shape such as ``rbv-shapes:GemeenteShape-cbscode``, or
    an OWL axiom); ``shape`` is the node shape it belongs to (``rbv-shapes:GemeenteShape``), or ``OWL``.
    """

    rule: str
    file: str
    node: str
    prop: str
    message: str
    value: str = ""
    shape: str = ""
    warning: bool = False  # a warning is shown but does not make the graph fail

    def __str__(self) -> str:
        where = ("waarschuwing: " if self.warning else "") + (f"{self.file}: " if self.file else "")
        prop = f" — {self.prop}" if self.prop else ""
        value = f" (waarde: {self.value})" if self.value else ""
        return f"{where}{self.node}{prop}: {self.message}{value} [{self.rule}]"
