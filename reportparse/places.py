"""China's administrative divisions (``rules/gazetteers/divisions.tsv``): names, short forms, levels.

The data is JioNLP's (see the file's header); it is read once, on first use, and cached.
``places()`` gives the :class:`Places` index: every full name (周口市, 黔东南苗族侗族自治州), short
name (周口, 黔东南), the short name with the kind of division (黔东南州, 三江县) and the names of
before a rename (襄樊市 -> 襄阳市, from ``division_renames.tsv``) lead to :class:`Place` rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .rulebook import SHIPPED_RULES

DIVISIONS = SHIPPED_RULES / "gazetteers" / "divisions.tsv"
RENAMES = SHIPPED_RULES / "gazetteers" / "division_renames.tsv"
_PSEUDO = "直辖"  # 省直辖行政区划: a grouping of county-level cities, no place of its own
_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True, slots=True)
class Place:
    """One division: GB/T 2260 ``code``, full ``name``, ``short`` name, ``level``, parent code."""

    code: str
    name: str
    short: str
    level: str  # province | prefecture | county
    parent: str

    @property
    def kind_char(self) -> str:
        """The character a text elides the place to (周口市 -> 市, 黔东南苗族侗族自治州 -> 州)."""
        if self.name.endswith("特别行政区"):
            return "区"
        return self.name[-1]

    def written(self, kind: str) -> str:
        """The place as written before an elided ``kind`` (市 of 周口市, 州 of 黔东南州)."""
        if kind == "自治区" or (self.name.endswith(kind) and not self.name.endswith("自治" + kind)):
            return self.name
        return (self.short or self.name) + kind


class Places:
    """Every name form of every division, with the place(s) it names."""

    def __init__(self, rows: list[Place]) -> None:
        self.by_code = {p.code: p for p in rows}
        self._forms: dict[str, list[Place]] = {}
        self._short: set[str] = set()
        for p in rows:
            self._add(p.name, p, short=p.level == "county" and len(p.name) == 2)  # 城区, 和县: words too
            if p.short and p.short != p.name:
                self._add(p.short, p, short=True)
                if p.name.startswith(p.short) and p.name.endswith(("自治州", "自治县", "自治旗")):
                    self._add(p.short + p.name[-1], p)
        self.longest = max(map(len, self._forms)) if self._forms else 0

    def _add(self, form: str, place: Place, short: bool = False) -> None:
        if len(form) < 2:
            return
        same = self._forms.setdefault(form, [])
        if place not in same:
            same.append(place)
        if short:
            self._short.add(form)

    def add_old(self, form: str, place: Place | None) -> None:
        """A name of before a rename (襄樊市) for today's ``place``, unless the name is in use."""
        if place is not None and form not in self._forms:
            self._add(form, place)

    def __len__(self) -> int:
        return len(self.by_code)

    def parent(self, place: Place) -> Place | None:
        """The division ``place`` belongs to (a county-level city of 省直辖 belongs to the province)."""
        up = self.by_code.get(place.parent)
        while up is not None and _PSEUDO in up.name:
            up = self.by_code.get(up.parent)
        return up

    def city_of(self, place: Place) -> Place | None:
        """The city whose name opens the official name of ``place``'s bodies: a municipality's
        district or county (上海市普陀区), a prefecture-level city's district (佛山市南海区); None for
        a county or a county-level city (寿光市, 睢宁县) and every other level."""
        city = self.parent(place) if place.level == "county" else None
        if city is None or not city.name.endswith("市"):
            return None
        if city.level == "province" or (city.level == "prefecture" and place.name.endswith("区")):
            return city
        return None

    def chain(self, place: Place) -> list[Place]:
        """``place`` and every division above it, itself first."""
        out = [place]
        while (up := self.parent(out[-1])) is not None:
            out.append(up)
        return out

    def of_level(self, place: Place | None, level: str) -> Place | None:
        """The division of ``level`` holding ``place`` (itself when of that level)."""
        return next((p for p in self.chain(place) if p.level == level), None) if place else None

    def named(self, form: str, near: Place | None = None) -> Place | None:
        """The place a name form names, the one nearest ``near`` when several share it; a short
        county name (嘉定, 和平, and two-character names: 城区, 和县) only within ``near``'s
        province; None when unknown or unsure."""
        cands = self._forms.get(form)
        if not cands:
            return None
        if form in self._short:
            cands = [c for c in cands if c.level != "county" or self._within(c, near, "province")]
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        for level in ("prefecture", "province"):
            close = [c for c in cands if self._within(c, near, level)]
            if len(close) == 1:
                return close[0]
        top = min(_RANK[c.level] for c in cands)
        best = [c for c in cands if _RANK[c.level] == top]
        return best[0] if len(best) == 1 else None

    def _within(self, place: Place, near: Place | None, level: str) -> bool:
        if near is None:
            return False
        area = self.of_level(near, level)
        return area is not None and area in self.chain(place)

    def is_form(self, s: str) -> bool:
        """True when ``s`` is a written form of some place (a full name or a short form)."""
        return s in self._forms

    def match(self, text: str, start: int, near: Place | None = None, short: bool = True) -> tuple[Place, int] | None:
        """The longest place name written at ``text[start:]`` and its end (a short form such as
        周口 only with ``short``), or None."""
        for n in range(min(self.longest, len(text) - start), 1, -1):
            form = text[start : start + n]
            if form in self._forms and (short or form not in self._short):
                place = self.named(form, near)
                if place is not None:
                    return place, start + n
        return None

    def most_named(self, text: str, near: Place | None = None, short: bool = True) -> Place | None:
        """The place named most often in ``text`` (on a tie the first named, or a place inside it
        named after it), or None."""
        counts: Counter[str] = Counter()
        i, last = 0, None
        while i < len(text):
            hit = self.match(text, i, near or last, short)
            if hit is None:
                i += 1
                continue
            counts[hit[0].code] += 1
            last, i = hit  # 上海市普陀区: the 普陀区 of 上海市, not of 舟山市
        if not counts:
            return None
        top = max(counts.values())
        best = [self.by_code[c] for c, n in counts.items() if n == top]  # in the order first named
        found = best[0]
        for other in best[1:]:  # 上海市普陀区: the district, inside the city named first
            if found in self.chain(other):
                found = other
        return found


def _data_lines(path: Path) -> list[list[str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]  # the first is the header


@lru_cache(maxsize=1)
def places() -> Places:
    """The shipped divisions, loaded on first use."""
    index = Places([Place(*cells[:5]) for cells in _data_lines(DIVISIONS) if len(cells) >= 5])
    if RENAMES.is_file():
        for cells in _data_lines(RENAMES):
            before, after = cells[1].split("/"), cells[2].split("/")
            if before[-1] != after[-1] and len(before) == len(after):
                near = index.named(after[0]) if len(after) > 1 else None
                index.add_old(before[-1], index.named(after[-1], near))
    return index
