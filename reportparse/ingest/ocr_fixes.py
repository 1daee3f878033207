"""Post-OCR normalization: the systematic misreads of a Chinese OCR engine, repaired by shape.

Each fix is a pattern that no correct Chinese report text contains, so it applies to any
office's documents (not to a wording): a stroke radical for the enumeration comma, Latin
punctuation beside Han characters, a degree sign or full stop closing a Chinese sentence, the
letter O between digits, 一 for the dashes around a page number, square or lenticular brackets around the year of a document number
(GB/T 9704 prints 〔〕, which OCR cannot tell from 【】 or []), a full-width comma between the
three-digit groups of one number (52，318.67万元), 一 for the dash of a range between numbers
(1一3月, 9月29日一10月3日), （ and 》 for the 〈〉 of a title inside a title, a straight quote or bracket where its full-width partner opens or
closes the pair (“放管服", (9月29日—10月3日）).
"""

from __future__ import annotations

from typing import Any

import regex

HAN = r"\p{Han}"
# the halves of a pair read as the wrong sign, repaired by its partner: one character for one, so
# they apply to a page's lines joined (a pair opened on one line closes on another)
PAIRS: tuple[tuple[regex.Pattern[str], str], ...] = tuple((regex.compile(p), r) for p, r in (
    # a straight double quote closing a “ (or opening before a ”), a straight bracket whose
    # full-width partner closes (opens) the pair
    (r"“([^“”\"]*)\"", r"“\1”"),
    (r"\"([^“”\"]*)”", r"“\1”"),
    (r"\(([^()（）]*)）", r"（\1）"),
    (r"（([^()（）]*)\)", r"（\1）"),
    # a title quoted inside a title (GB/T 15834: 《…〈…〉…》) whose 〈 was read as （ and 〉 as 》:
    # one 《 closed twice is the inner pair
    (r"《([^《》〈〉（）()]*)[（(]([^《》〈〉（）()]+)》([^《》〈〉]*)》", r"《\1〈\2〉\3》"),
))
FULL = {",": "，", ";": "；"}
# (pattern, replacement), applied in order
FIXES: tuple[tuple[regex.Pattern[str], Any], ...] = tuple((regex.compile(p), r) for p, r in (
    # 丶 (the radical "dot") is how the engine reads 、
    (r"丶", "、"),
    # a Latin comma, semicolon, colon, ! or ? beside a Han character (never between two digits)
    (rf"(?<={HAN}|[”）》])\s*([,;])\s*|\s*([,;])\s*(?={HAN}|[“（《])", lambda m: FULL[m[1] or m[2]]),
    (rf"(?<={HAN}|[”）》])\s*:\s*|(?<!\d)\s*:\s*(?={HAN}|[“（《])", "："),
    (rf"(?<={HAN})\s*!", "！"),
    (rf"(?<={HAN})\s*\?", "？"),
    # a round bracket pair holding or touching Han text is the full-width pair
    (rf"\(([^()]*{HAN}[^()]*)\)", r"（\1）"),
    (rf"(?<={HAN})\(([^()]*)\)", r"（\1）"),
    # a sentence closed by '.', '°' or 'o' after Han text, a percentage or a closing bracket
    (rf"(?<={HAN}|[%％”）])\s*[.°。o]\s*$", "。"),
    (r"(?<=[%％”）])\s*°", "。"),
    # a middle dot after a percentage or a closing bracket, before Han text, is a full stop: （项）·年初
    (rf"(?<=[%％）])\s*·\s*(?={HAN})", "。"),
    # O/o/〇 and l/I between digits are 0 and 1
    (r"(?<=\d)[OoＯ〇](?=\d)", "0"),
    (r"(?<=\d)[lI](?=\d)", "1"),
    # a comma between three-digit groups is a thousands separator, however the engine read it
    # (52，318.67, 1, 200.00): runs of exactly three digits after one to three, not a list (2，3，4)
    (r"(?<![\d.])\d{1,3}(?:\s*[，,]\s*\d{3})+(?![\d，,])",
     lambda m: regex.sub(r"\s*[，,]\s*", ",", m[0])),
    # 一 (the Han one) between two numbers is the dash of a range: 1一3月, 2021一2023年, 29日一10月
    (r"(?<=\d)\s*一\s*(?=\d)", "—"),
    (r"(?<=\d[日月])一(?=\d{1,2}[月日])", "—"),
    # the year of a document number: 川政公【2023】28号, 川政公[2023]28号
    (r"[\[【［〔]\s*((?:19|20)\d{2})\s*[\]】］〕](?=\s*第?\s*\d{1,5}\s*号)", r"〔\1〕"),
    # a page number between dashes read as 一 (the Han one): 一2一, 一 3
    (r"^\s*[一—–-]+\s*(\d{1,4})\s*[一—–-]*\s*$", r"— \1 —"),
)) + PAIRS


def ocr_normalize(text: str) -> str:
    """``text`` as OCR read it, with the systematic misreads of ``FIXES`` repaired."""
    for pattern, repl in FIXES:
        text = pattern.sub(repl, text)
    return text


def pair_lines(lines: list[str]) -> list[str]:
    """A page's lines (in reading order) with the ``PAIRS`` fixes applied across line ends."""
    if not lines:
        return []
    joined = "\n".join(lines)
    fixed = joined
    for pattern, repl in PAIRS:
        fixed = pattern.sub(repl, fixed)
    return fixed.split("\n") if len(fixed) == len(joined) else list(lines)
