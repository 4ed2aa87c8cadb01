"""Rows of the benchmark table and the registry of metrics.

Adding a metric: write a function that takes the Bench (the two served sites, the page types, a shared
Chromium) and yields Rows, decorate it with @metric("Group title"), and import its module in
tools/bench.py. A Row with `ok=False` makes `make bench` exit non-zero; `ok=None` is a figure
reported without a goal. Example (the fast-path metrics of issue 8 belong here):

    @metric("Fast path")
    def questions_asked(bench):
        asked = ...  # e.g. drive bench.browser() through bench.coach_url + "wizard/"
        yield Row("questions asked on the shortest path", asked, goal="<= 3", ok=asked <= 3)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable


@dataclass
class Row:
    name: str
    measured: float | None
    goal: str = ""
    ok: bool | None = None
    unit: str = ""
    plain: float | None = None  # the same figure for plain Material, when it has one
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.measured is None or not self.plain:
            return None
        return self.measured / self.plain


METRICS: list[tuple[str, Callable]] = []


def metric(group: str):
    def register(function: Callable[..., Iterable[Row]]):
        METRICS.append((group, function))
        return function
    return register


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "KB":
        return f"{value:.1f} KB"
    return f"{value:.2f}" + (f" {unit}" if unit else "")


NAME_WIDTH = 50


def print_header(group: str) -> None:
    print(f"\n{group}")
    print(f"  {'':4} {'':<{NAME_WIDTH}}  {'goal':<14} {'measured':>11} {'plain':>11} {'ratio':>6}", flush=True)


def print_row(row: Row) -> None:
    status = {True: "ok", False: "MISS", None: ""}[row.ok]
    ratio = f"{row.ratio:.2f}" if row.ratio is not None else "-"
    print(f"  {status:<4} {row.name:<{NAME_WIDTH}}  {row.goal:<14} {_number(row.measured, row.unit):>11} "
          f"{_number(row.plain, row.unit):>11} {ratio:>6}" + (f"  {row.note}" if row.note else ""), flush=True)
