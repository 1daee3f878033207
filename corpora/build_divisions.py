"""Regenerate ``rules/gazetteers/divisions.tsv`` and ``division_renames.tsv`` from JioNLP's data.

usage: python corpora/build_divisions.py JIONLP_WHEEL_OR_DIR [--version V]

The data comes from the ``jionlp`` package (Apache-2.0, https://github.com/dongrixinyu/JioNLP):
``jionlp/dictionary/china_location.zip`` (provinces, prefectures, counties with their GB/T 2260
codes and short names; townships without codes are not kept) and
``jionlp/dictionary/china_location_change.txt`` (renames and mergers since 2000). Get the wheel
with ``pip download --no-deps jionlp==V -d DIR``. Nothing is typed by hand: the rows are the
package's, only reshaped (code, name, short, level, parent code) and sorted by code.
"""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "rules" / "gazetteers"
LEVELS = ("province", "prefecture", "county")


def _read(src: Path, member: str) -> str:
    if src.is_dir():
        return (src / member).read_text(encoding="utf-8")
    with zipfile.ZipFile(src) as whl:
        return whl.read(member).decode("utf-8")


def _locations(raw_zip: bytes) -> list[tuple[str, str, str, str, str]]:
    with zipfile.ZipFile(io.BytesIO(raw_zip)) as z:
        text = z.read("china_location.txt").decode("utf-8")
    rows: dict[str, tuple[str, str, str, str, str]] = {}
    path: list[str] = ["", "", ""]
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        cells = line.strip("\t").split("\t")
        if depth > 2 or len(cells) < 3 or not cells[1].isdigit():
            continue
        name, code, short = cells[0], cells[1], cells[2]
        path[depth] = code
        parent = path[depth - 1] if depth else ""
        if code in rows:  # a municipality is its own prefecture (北京市 under 北京市)
            path[depth] = code
            continue
        if not name.startswith(short):  # 经开区 for 河南周口经济开发区: not a short form of the name
            short = ""
        rows[code] = (code, name, short, LEVELS[depth], parent)
    return sorted(rows.values())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="jionlp wheel (.whl) or its unpacked folder")
    ap.add_argument("--version", default="?")
    args = ap.parse_args(argv)
    if args.source.is_dir():
        raw = (args.source / "jionlp/dictionary/china_location.zip").read_bytes()
    else:
        with zipfile.ZipFile(args.source) as whl:
            raw = whl.read("jionlp/dictionary/china_location.zip")
    rows = _locations(raw)
    head = (f"# Administrative divisions of China (province, prefecture, county) from jionlp {args.version}\n"
            "# (jionlp/dictionary/china_location.zip), Apache License 2.0, (c) dongrixinyu/JioNLP; see\n"
            "# divisions.LICENSE. Regenerate with corpora/build_divisions.py, do not edit by hand.\n"
            "code\tname\tshort\tlevel\tparent\n")
    (OUT / "divisions.tsv").write_text(head + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    changes = _read(args.source, "jionlp/dictionary/china_location_change.txt")
    out = [
        "# Renames and mergers of divisions since 2000 from jionlp "
        f"{args.version} (jionlp/dictionary/china_location_change.txt),\n"
        "# Apache License 2.0; see divisions.LICENSE. Regenerate with corpora/build_divisions.py.\n"
        "date\told\tnew\n"
    ]
    seen = set()
    for line in changes.splitlines():
        if "=>" not in line:
            continue
        before, after = line.split("=>", 1)
        old_cells, new_cells = before.split("\t"), after.split("\t")
        old_names = [c for i, c in enumerate(old_cells[2:]) if i % 2 == 0]
        row = (old_cells[0], "/".join(old_names), "/".join(new_cells))
        if row not in seen:
            seen.add(row)
            out.append("\t".join(row) + "\n")
    (OUT / "division_renames.tsv").write_text("".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
