"""The sections of a synthetic issue, each drawn from several wordings (mixin of ``IssueWriter``)."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from synth_pools import (
    CENTRAL,
    DEPTS,
    DOC_TITLES,
    EXTRA_MENTIONS,
    FILLERS,
    ISSUERS,
    ITEMS,
    NEWS,
    PUBLISHER,
    TOPICS,
    VENUES,
)

if TYPE_CHECKING:
    from synth_issue import Figures, Roster, Truth, Week, WeekState

CN = "零一二三四五六七八九"
FILLER_KINDS = {"doc": (1, 2, 6), "visit": (0, 3, 4, 9), "meet": (0, 4, 5, 7, 8, 9)}
UNITS = {"咨询": "人次", "受理": "件", "颁发": "件", "流转": "件", "办结": "件"}


def cn(n: int) -> str:
    """Chinese numeral for 0 < n < 100: 3 -> 三, 23 -> 二十三, 10 -> 十."""
    tens, ones = divmod(n, 10)
    if not tens:
        return CN[ones]
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def md(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


def wan(v: int, decimals: int) -> tuple[str, int]:
    """887312 -> ('88.73万', 887300) with 2 decimals: the printed text and its exact value."""
    unit = 10 ** (4 - decimals)
    q = (v + unit // 2) // unit
    return f"{q // 10 ** decimals}.{q % 10 ** decimals:0{decimals}d}万", q * unit


def pct(part: int, whole: int) -> str:
    p10 = (part * 2000 + whole) // (2 * whole)
    return f"{p10 // 10}.{p10 % 10}"


class Sections:
    """Section builders; they write text and record the truth as they go."""

    rng: random.Random
    w: Week
    f: Figures
    state: WeekState
    roster: Roster
    t: Truth
    sp: str
    ytd_delta: int

    # -- helpers ------------------------------------------------------------------------------
    def n(self, v: Any) -> str:
        return f"{self.sp}{v}{self.sp}"

    def count(self, k: int, cn_share: float = 0.5) -> str:
        """A small count, in Arabic digits or Chinese numerals."""
        return cn(k) if self.rng.random() < cn_share else self.n(k)

    def dated(self) -> tuple[dt.date, str]:
        d = self.w.ps + dt.timedelta(days=self.rng.randint(0, 4))
        return d, self.t.date(md(d), d)

    def dept(self, canonical: str | None = None, bold: bool = False) -> tuple[str, str]:
        canonical = canonical or self.rng.choice(list(DEPTS))
        mention = self.t.dept(canonical, self.rng.choice(DEPTS[canonical][0]))
        return canonical, f"**{mention}**" if bold else mention

    def title(self) -> str:
        return self.t.title(self.rng.choice(DOC_TITLES))

    def docno(self) -> str:
        year = self.w.year - (self.rng.random() < 0.2)
        return self.t.doc_number(self.rng.choice(ISSUERS), year, self.rng.randint(1, 160))

    def filler(self, kind: str = "meet") -> str:
        """A closing clause that fits a document ('doc'), an inspection ('visit') or a meeting ('meet')."""
        return self.rng.choice([FILLERS[i] for i in FILLER_KINDS[kind]])

    # -- sections -----------------------------------------------------------------------------
    def sections(self) -> list[str]:
        rng = self.rng
        target = rng.randint(1700, 2500)
        window = [f"（一）{rng.choice(('省本级综窗办件情况', '综窗办件情况'))}", self.window_figures(),
                  "（二）事项授权及受理手册编制推进情况", *self.items(),
                  f"（三）{rng.choice(('其它工作开展情况', '其他工作推进情况'))}", *self.numbered(self.others())]
        province = [self.province()]
        visits = self.visits()
        news = [self.news()] if rng.random() < 0.7 else []
        size = sum(len(p) for p in window + province + visits + news) + 200
        hall = self.numbered(self.hall(target - size))
        parts = [(rng.choice(("综窗改革攻坚行动", "综窗改革推进情况")), window),
                 (rng.choice(("省级政务服务事项受理办理情况", "省本级政务服务事项办理情况")), province),
                 (rng.choice(("大厅工作动态", "窗口工作动态")), hall), ("厅（局）长进大厅", visits),
                 ("政务资讯", news)]
        out: list[str] = []
        for i, (head, paras) in enumerate(p for p in parts if p[1]):
            out += [f"{cn(i + 1)}、{head}", *paras]
        return out

    @staticmethod
    def numbered(paras: list[str]) -> list[str]:
        return paras if len(paras) == 1 else [f"{i + 1}.{p}" for i, p in enumerate(paras)]

    def window_figures(self) -> str:
        """Week and ytd counts of the 综合窗口 in one of six wordings."""
        rng, t, w, n = self.rng, self.t, self.w, self.n
        wk, y = self.f.week, dict(self.f.ytd)
        y["受理"] += self.ytd_delta
        tid = rng.randrange(6)
        t.templates.append(f"window{tid}")
        ys = {m: f"{n(v)}{UNITS[m]}" for m, v in y.items()}
        yv = dict(y)
        if tid == 1 and y["咨询"] >= 10000 and rng.random() < 0.6:
            text, yv["咨询"] = wan(y["咨询"], 2)
            ys["咨询"] = f"{n(text)}人次".replace("万 ", "万")
        week_metrics = ["咨询", "受理", "颁发", "流转"] + (["办结"] if tid == 2 else [])
        for m in week_metrics:
            t.fig(m, wk[m], UNITS[m], "week", period_start=w.start.isoformat(), period_end=w.pe.isoformat())
        for m in ("咨询", "受理", "颁发", "流转"):
            t.fig(m, yv[m], UNITS[m], "ytd", period_start=f"{w.year}-01-01", period_end=w.pe.isoformat())
        C, A, Iss, T = (wk[m] for m in ("咨询", "受理", "颁发", "流转"))
        if tid == 0:
            return (f"本周，共计咨询{n(C)}人次、受理{n(A)}件、颁发{n(Iss)}件、流转{n(T)}件；今年以来，累计咨询"
                    f"{ys['咨询']}、受理{ys['受理']}、颁发{ys['颁发']}、流转{ys['流转']}。")
        if tid == 1:
            return (f"本周综窗共接待咨询{n(C)}人次，受理{n(A)}件，颁发证照{n(Iss)}件，流转办件{n(T)}件。截至本周，"
                    f"今年累计接待咨询{ys['咨询']}，受理{ys['受理']}，颁发证照{ys['颁发']}，流转办件{ys['流转']}。")
        if tid == 2:
            return (f"本周综合窗口接待群众咨询{n(C)}人次，受理群众办件{n(A)}件，办结{n(wk['办结'])}件，颁发"
                    f"{n(Iss)}件，流转{n(T)}件；今年以来累计受理{ys['受理']}、咨询{ys['咨询']}、颁发{ys['颁发']}、"
                    f"流转{ys['流转']}。")
        if tid == 3:
            span = t.date(f"{md(w.start)}至{md(w.pe)}", w.start, w.pe)
            return (f"{span}，省本级综窗咨询{n(C)}人次、受理{n(A)}件、颁发{n(Iss)}件、流转{n(T)}件。今年以来，"
                    f"累计咨询{ys['咨询']}、受理{ys['受理']}、颁发{ys['颁发']}、流转{ys['流转']}。")
        if tid == 4:
            return (f"本周咨询{n(C)}人次（今年累计{ys['咨询']}），受理{n(A)}件（今年累计{ys['受理']}），"
                    f"颁发{n(Iss)}件（今年累计{ys['颁发']}），流转{n(T)}件（今年累计{ys['流转']}）。")
        return (f"今年以来，省本级综窗累计咨询{ys['咨询']}、受理{ys['受理']}、颁发{ys['颁发']}、流转"
                f"{ys['流转']}，其中本周咨询{n(C)}人次、受理{n(A)}件、颁发{n(Iss)}件、流转{n(T)}件。")

    def items(self) -> list[str]:
        """Changes of the 进驻事项 (主项/办理项) and the 受理工作手册 under way."""
        rng, t, s, n = self.rng, self.t, self.state, self.n
        if rng.random() < 0.65:
            a0, h0 = s.main, s.handle
            clauses = []
            for canon in rng.sample(list(DEPTS), rng.choice((1, 1, 2))):
                k = rng.choice((1, 1, 2))
                names = rng.sample(ITEMS, k)
                mains, handles = k, sum(rng.randint(1, 5) for _ in names)
                s.main, s.handle = s.main + mains, s.handle + handles
                _, m = self.dept(canon)
                quoted = "和".join(f"“{x}”" for x in names)
                what = self.count(k) if k == 1 or rng.random() < 0.5 else "两"
                clauses.append(f"{m}新增{quoted}{what}个事项（主项{n(mains)}个、办理项{n(handles)}个）")
                t.fig("主项", mains, "个", department=canon)
                t.fig("办理项", handles, "个", department=canon)
                t.allow(k)
            if rng.random() < 0.4:
                x = rng.randint(2, 6)
                y = x + rng.randint(1, 4)
                s.handle += y - x
                clauses.append(f"已进驻事项“{rng.choice(ITEMS)}”的办理项从{n(x)}个调增至{n(y)}个")
                t.fig("办理项", y, "个", "change", value_from=x)
                t.allow(x, y)
            verb = rng.choice(("从{}项调整为{}项", "由{}项增至{}项"))
            first = (f"1.动态调整综窗进驻事项，主项{verb.format(n(a0), n(s.main))}，办理项"
                     f"{verb.format(n(h0), n(s.handle))}。其中：" + "；".join(clauses) + "。")
            t.fig("主项", s.main, "项", "change", value_from=a0)
            t.fig("办理项", s.handle, "项", "change", value_from=h0)
            t.allow(a0, h0)
        else:
            first = f"1.本周综窗进驻事项未作调整，目前共进驻主项{n(s.main)}项、办理项{n(s.handle)}项。"
            t.fig("主项", s.main, "项")
            t.fig("办理项", s.handle, "项")
        paras = [first]
        k = min(rng.randint(8, 40), s.handle - s.done)
        if k > 0:
            canon, m = self.dept()
            paras.append(f"2.完成{m}{self.count(k, 0.4)}个办理项的受理工作手册编制。")
            t.fig("办理项", k, "个", department=canon)
            s.done += k
        share = pct(s.done, s.handle)
        t.fig("办理项", s.done, "个")
        if rng.random() < 0.5:
            paras.append(f"截至目前，共完成{n(s.done)}个办理项的受理工作手册编制，占比{self.sp}{share}%。")
            t.fig("占比", float(share), "%")
        else:
            paras.append(f"截至本周，累计完成{n(s.done)}个办理项受理工作手册编制，完成率{self.sp}{share}%。")
            t.fig("完成率", float(share), "%")
        return paras

    def others(self) -> list[str]:
        """Two or three of: documents issued, 一件事 configured, lists updated, handbooks revised, meetings."""
        rng, t = self.rng, self.t
        out = []
        for kind in rng.sample(range(6), rng.randint(2, 3)):
            if kind == 0:
                out.append(f"印发{self.title()}（{self.docno()}），{self.filler('doc')}。")
            elif kind == 1:
                out.append(f"转发{self.title()}（{self.docno()}），要求{t.venue('各窗口部门')}认真抓好贯彻落实。")
            elif kind == 2:
                k = rng.randint(3, 12)
                a, b = self.dept()[1], self.dept()[1]
                out.append(f"{a}、{b}及试点市（州）在省一体化政务服务平台完成{self.count(k)}个新增跨部门、"
                           "跨层级“一件事”后台配置。")
                t.fig("一件事", k, "个")
            elif kind == 3:
                out.append("动态更新全省“川渝通办”、省内通办及“跨省通办”联络清单，确保联络渠道畅通。")
            elif kind == 4:
                k = rng.randint(5, 30)
                canon, m = self.dept()
                out.append(f"根据{self.title()}要求，{m}完成{self.count(k)}个办理项的受理工作手册修订。")
                t.fig("办理项", k, "个", department=canon)
            else:
                d, when = self.dated()
                k = rng.randint(5, 15)
                a, b = self.dept()[1], self.dept()[1]
                out.append(f"{when}，{t.dept(PUBLISHER, '省中心')}召开{rng.choice(TOPICS)}工作推进会，{a}、{b}等"
                           f"{self.count(k)}个部门窗口负责人参加会议。")
                t.fig("部门", k, "个")
        return out

    def province(self) -> str:
        """Provincial ytd totals of the 一体化政务服务平台, exact or in 万."""
        rng, t, w, n, p = self.rng, self.t, self.w, self.n, self.f.prov
        tid = rng.randrange(3) if w.pe.month > 1 else rng.randrange(2)
        t.templates.append(f"province{tid}")
        keys = ["行政许可事项受理", "行政许可事项办结", "公共服务事项受理", "公共服务事项办结"]
        if tid == 0:
            for m in keys + ["行权事项受理", "行权事项办结"]:
                t.fig(m, p[m], "件", "ytd")
            t.allow(6)
            asof = t.date(md(w.pe), w.pe)
            return (f"据省一体化政务服务平台统计，今年以来（截至{asof}），省本级行政许可事项受理{n(p[keys[0]])}件，"
                    f"办结{n(p[keys[1]])}件；公共服务事项受理{n(p[keys[2]])}件，办结{n(p[keys[3]])}件，其它{n(6)}类"
                    f"行权事项受理{n(p['行权事项受理'])}件，累计办结{n(p['行权事项办结'])}件。")
        printed = {}
        for m in keys[2:] if tid == 2 else keys:
            text, value = wan(p[m], 2 if m.startswith("行政") else 1)
            printed[m] = text
            t.fig(m, value, "件", "ytd")
            t.allow(float(text[:-1]))
        if tid == 1:
            rate = pct(p[keys[1]], p[keys[0]])
            t.fig("办结率", float(rate), "%")
            asof = t.date(md(w.pe), w.pe)
            return (f"截至{asof}，今年省本级累计受理行政许可事项{printed[keys[0]]}件、办结{printed[keys[1]]}件，"
                    f"受理公共服务事项{printed[keys[2]]}件、办结{printed[keys[3]]}件，行政许可事项办结率"
                    f"{self.sp}{rate}%。")
        for m in keys[:2] + ["行权事项受理", "行权事项办结"]:
            t.fig(m, p[m], "件", "ytd")
        month_end = dt.date(w.pe.year + (w.pe.month == 12), w.pe.month % 12 + 1, 1) - dt.timedelta(days=1)
        span = t.date(f"1—{w.pe.month}月", dt.date(w.pe.year, 1, 1), month_end, optional=True)
        return (f"{span}，省一体化政务服务平台累计受理省本级行政许可事项{n(p[keys[0]])}件，办结{n(p[keys[1]])}件；"
                f"累计受理公共服务事项{printed[keys[2]]}件，办结{printed[keys[3]]}件；其它行权事项受理"
                f"{n(p['行权事项受理'])}件、办结{n(p['行权事项办结'])}件。")

    def hall(self, room: int) -> list[str]:
        """Events of the week in the halls, as many as fill ``room`` characters (3 to 14)."""
        rng, t = self.rng, self.t
        out: list[str] = []
        kinds = [0, 1, 2, 3, 4, 5, 6, 7]
        rng.shuffle(kinds)
        while len(out) < 3 or (sum(len(p) for p in out) < room and len(out) < 14):
            kind = kinds.pop() if kinds else rng.choice((2, 3, 3, 4, 4, 5))
            if kind in (0, 1):
                d, when = self.dated()
                venues = "、".join(t.venue(v) for v in rng.sample(VENUES, rng.randint(1, 2)))
                name, title = (self.roster.head, "党委书记、主任") if kind == 0 else rng.choice(self.roster.deputies)
                t.official(name, title, PUBLISHER, d)
                verb = "督导检查" if kind == 0 else "带队检查"
                out.append(f"{when}，{t.dept(PUBLISHER, '省中心')}{title}{name}到{venues}{verb}"
                           f"{rng.choice(TOPICS)}工作，{self.filler('visit')}。")
            elif kind == 2:
                when = self.dated()[1]
                out.append(f"{when}，{t.dept(PUBLISHER, '省中心')}印发{self.title()}，{self.filler('doc')}。")
            elif kind == 3:
                out.append(f"近日，{self.dept(bold=True)[1]}修订印发{self.title()}，{self.filler('doc')}。")
            elif kind == 4:
                when = self.dated()[1]
                out.append(f"{when}，{self.dept(bold=True)[1]}窗口召开{rng.choice(TOPICS)}专题学习会，"
                           f"{self.filler()}。")
            elif kind == 5:
                a, b = self.dept(bold=True)[1], self.dept(bold=True)[1]
                out.append(f"近日，{a}与{b}召开座谈会，研究部署{rng.choice(TOPICS)}工作，{self.filler()}。")
            elif kind == 6:
                when = self.dated()[1]
                k, people = rng.randint(6, 20), rng.randint(40, 150)
                a, b = self.dept()[1], self.dept()[1]
                out.append(f"{when}，{t.dept(PUBLISHER, '省中心')}组织开展{rng.choice(TOPICS)}专题培训，{a}、{b}等"
                           f"{self.count(k)}个{t.venue('窗口部门')}{self.n(people)}名工作人员参加培训。")
                t.fig("窗口部门", k, "个")
                t.fig("工作人员", people, "名")
            else:
                canon, m = self.dept(bold=True)
                k = rng.randint(30, 60)
                item = rng.choice(ITEMS)
                out.append(f"本周，{m}窗口办理“{item}”业务{self.n(k)}件，{self.filler()}。")
                t.fig("办理", k, "件", "week", department=canon)
        return out

    def person(self, date: dt.date | None) -> tuple[str, str]:
        """'交通运输厅二级巡视员张三' (or a two-post official) and the first post's mention."""
        rng, t = self.rng, self.t
        if rng.random() < 0.25:
            name, canon, title, canon2, mention2, title2 = rng.choice(self.roster.two_posts)
            mention = t.dept(canon, EXTRA_MENTIONS.get(canon) or rng.choice(DEPTS[canon][0]))
            t.official(name, title, canon, date)
            t.official(name, title2, canon2, date)
            return f"{mention}{title}、{t.dept(canon2, mention2)}{title2}{name}", mention
        canon, mention = self.dept()
        name, title = rng.choice(self.roster.people[canon])
        t.official(name, title, canon, date)
        return f"{mention}{title}{name}", mention

    def visits(self) -> list[str]:
        """厅（局）长进大厅: leaders on duty at the hall, together or one by one with dates."""
        rng, t = self.rng, self.t
        tid = rng.randrange(3)
        t.templates.append(f"visits{tid}")
        hall = t.venue("省政务服务大厅")
        if tid == 0:
            people = [self.person(None)[0] for _ in range(rng.randint(2, 4))]
            return [f"本周，{'，'.join(people)}分别到{hall}窗口调研值守。"]
        if tid == 1:
            people = [self.person(None)[0] for _ in range(2)]
            return [f"本周，{'、'.join(people)}到{hall}窗口值守，现场指导业务办理，协调解决群众办事难题。"]
        out = []
        for _ in range(rng.randint(2, 3)):
            d, when = self.dated()
            who, mention = self.person(d)
            if rng.random() < 0.5:
                out.append(f"{when}，{who}到{hall}{mention}窗口调研指导，{self.filler('visit')}。")
            else:
                out.append(f"{when}，{who}一行到{hall}开展“厅（局）长进大厅”活动，现场体验办事流程，"
                           "与窗口工作人员座谈交流。")
        return self.numbered(out)

    def news(self) -> str:
        canon, title, body = self.rng.choice(NEWS)
        mention = self.t.dept(canon, CENTRAL[canon], optional=True)
        return f"近日，{mention}印发{self.t.title(title)}。{body}"
