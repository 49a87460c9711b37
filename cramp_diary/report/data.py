"""What the report says, gathered once and worded once, so the Markdown and HTML say the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from cramp_diary import iso_weeks, stats
from cramp_diary.alerts import Alert, find_alerts
from cramp_diary.changes import Change
from cramp_diary.clock import logged_away
from cramp_diary.medicines import Medicine
from cramp_diary.markers import ChangeMarker, change_markers
from cramp_diary.model import CONTEXT_LABELS, FIRST_YEAR, SIGN_LABELS, SIGNS, Episode
from cramp_diary.parsing import format_duration
from cramp_diary.report.visit import VisitSummary, build_visit_summary
from cramp_diary.stats import MuscleCount, Summary
from cramp_diary.iso_weeks import Week
from cramp_diary.store import Diary, EpisodeFilter, queries
from cramp_diary.use_cases.pattern_view import pattern_view
from cramp_diary.wording import episode_fields, format_episode_line, plural

TITLE = "Leg cramp diary: report for my healthcare provider"

#: Worth asking at the visit; written in our own words from the reference material.
QUESTIONS: tuple[str, ...] = (
    "Could my cramps be linked to another health condition, and is it worth looking for one?",
    "Could any medicine or supplement I take be making cramps more likely?",
    "Would a blood test, for example of potassium, magnesium or calcium, be useful for me?",
    "Which stretches suit me, and could you show me how to do them and how to massage the muscle?",
    "Is any treatment for cramps safe for me, given my other conditions and medicines?",
    "Would it help to see a physical therapist, a sleep specialist or another specialist?",
    "Which other symptoms should make me contact you sooner?",
    "When should I come back about my cramps?",
)

DEFINITIONS = (
    "A day counts as recorded when it has a cramp or a \"no cramps\" check-in; days with neither are "
    "left out, never counted as cramp-free. Cramps per week = cramps ÷ recorded days × 7. Severity is "
    "on a 0-10 scale: 4-6 moderate, 7-10 severe. Weeks are ISO weeks, Monday to Sunday, in local time. "
    "Bedtime stretches count for an evening when at least half of their stretching time was done; "
    "stretches started after midnight count for the evening before."
)


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, gathered once so both formats say the same."""

    made: date
    weeks_asked: int | None
    summary: Summary
    weeks: list[Week]
    hourly: list[int]
    muscles: list[MuscleCount]
    triggers: list[tuple[str, int]]
    reliefs: list[tuple[str, int]]
    #: Warnings active today (the urgent and soon wording is for these only).
    alerts: list[tuple[Alert, list[Episode]]]
    episodes: list[Episode]
    #: Sign-based warnings whose episodes fall in the period but are no longer active today, with those episodes.
    earlier: list[tuple[Alert, list[Episode]]] = field(default_factory=list)
    #: Warning signs logged before the period: (sign, day), oldest first.
    before: list[tuple[str, date]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    """The dated changes that started or stopped in the period."""
    visit: VisitSummary | None = None
    """The first page: the summary for a short visit."""
    trial_changes: list[Change] = field(default_factory=list)
    """Trials that started or ended in the period, as dated changes: marked on the weekly chart."""
    trial: list[str] = field(default_factory=list)
    """A with/without trial running or ended in the period, in lines (first the heading); empty without one."""
    chosen: bool = False
    """The period is the days asked for (``--from``/``--to``), not the last weeks."""

    @property
    def period(self) -> str:
        """The period in a line, as both formats print it."""
        return period_line(self.summary, self.weeks_asked, chosen=self.chosen)

    #: The person's own time zone (None: the system's); times logged in another carry their offset.
    zone: tzinfo | None = None

    @property
    def markers(self) -> list[ChangeMarker]:
        """The changes' starts and stops on the weekly chart's weeks."""
        spans = [(week.monday, week.monday + timedelta(days=6)) for week in self.weeks]
        return change_markers([*self.changes, *self.trial_changes], spans)


def _episodes_between(diary: Diary, first: date, last: date) -> list[Episode]:
    """The period's episodes, oldest first; a day's slack covers any time zone."""
    since = datetime.combine(first - timedelta(days=1), time(0), tzinfo=timezone.utc)
    found = diary.episodes.newest_first(EpisodeFilter(since=since))
    return [e for e in reversed(found) if first <= e.started_at.date() <= last]


def build_report(
    diary: Diary,
    today: date,
    weeks: int | None,
    zone: tzinfo | None = None,
    *,
    days: tuple[date, date] | None = None,
    medicines: list[Medicine] | None = None,
    began: date | None = None,
) -> ReportData:
    """Gather the report for the last ``weeks`` ISO weeks up to ``today`` (None: all), or for ``days``; ``zone`` is home.

    With ``days`` (``report --from --to``), the first page's trend and comparisons end on
    the last of those days; the warnings are still those active ``today``. ``began`` is
    roughly when the cramps began, if the person said; ``medicines`` default to the diary's list.
    """
    if medicines is None:
        medicines = diary.medicines.all()
    view = pattern_view(diary, today, weeks, days=days)
    first, last = view.first, view.last
    alerts = find_alerts(diary, today)
    active = {alert.rule: set(alert.episode_ids) for alert in alerts}
    earlier: list[tuple[Alert, list[Episode]]] = []
    for alert in find_alerts(diary, today, since=first):
        older = [i for i in alert.episode_ids if i not in active.get(alert.rule, set())]
        episodes = [e for e in map(diary.episodes.get, older) if e is not None and first <= e.started_at.date() <= last]
        if episodes:
            earlier.append((alert, episodes))
    alert_episodes = [(alert, [e for e in map(diary.episodes.get, alert.episode_ids) if e is not None]) for alert in alerts]
    changes = list(view.changes)
    return ReportData(
        made=today,
        weeks_asked=view.weeks_asked,
        summary=view.summary,
        weeks=iso_weeks.weekly(diary, first, last),
        hourly=stats.hourly(diary, first, last),
        muscles=stats.by_muscle_side(diary, first, last),
        triggers=stats.top_triggers(diary, first, last, limit=None),
        reliefs=stats.reliefs_used(diary, first, last),
        alerts=alert_episodes,
        episodes=_episodes_between(diary, first, last),
        earlier=earlier,
        before=_signs_before(diary, first),
        changes=changes,
        trial_changes=diary.trials.changes_between(first, last),
        trial=trial_section(diary, today, first, last),
        visit=build_visit_summary(
            diary, today if days is None else last, first, last, changes, alert_episodes, medicines, began
        ),
        chosen=days is not None,
        zone=zone,
    )


def trial_section(diary: Diary, today: date, first: date, last: date) -> list[str]:
    """The trial that ran in the period (the latest), as of last night, in the report's words; [] without one."""
    from cramp_diary.trial_result import report_lines, result_of

    plan = diary.trials.current()
    if plan is None or plan.start > last or plan.last < first:
        return []
    return report_lines(result_of(diary, plan, today + timedelta(days=1)))  # a report is made after the night is over


def _signs_before(diary: Diary, first: date) -> list[tuple[str, date]]:
    """Every warning sign logged before the period, each with its day, oldest first."""
    ids = queries.episode_ids(diary, date(FIRST_YEAR, 1, 1), first - timedelta(days=1), queries.Match(signs=SIGNS))
    found = [(sign, e.started_at.date()) for e in map(diary.episodes.get, reversed(ids)) if e is not None for sign in e.signs]
    return list(dict.fromkeys(found))


# -- dates, said honestly ------------------------------------------------------------


def ago(day: date, today: date) -> str:
    """How long before the report a day was: 'today', 'yesterday', '20 days ago'."""
    days = (today - day).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def dated_episode(episode: Episode, today: date) -> str:
    """An episode behind a sign, with how long ago it was."""
    return f"{format_episode_line(episode)} ({ago(episode.started_at.date(), today)})"


def earlier_lines(data: ReportData) -> list[str]:
    """Signs logged in the period that are not active today, dated: '2026-11-02 (20 days ago): numbness: ...'."""
    lines = []
    for alert, episodes in data.earlier:
        for episode in episodes:
            day = episode.started_at.date()
            lines.append(f"{day.isoformat()} ({ago(day, data.made)}): {alert.title}: {format_episode_line(episode)}")
    return sorted(lines)


def before_line(data: ReportData) -> str | None:
    """The signs logged before the period in one line, or None."""
    if not data.before:
        return None
    listed = ", ".join(f"{SIGN_LABELS.get(sign, sign)} on {day.isoformat()}" for sign, day in data.before)
    return f"Also logged before this period: {listed}."


def leg_check_text(episode: Episode) -> str:
    """The timer's safety question as the report says it, or '' when it was not asked."""
    return f"asked about a swollen leg: {episode.leg_check}" if episode.leg_check else ""


# -- shared wording --------------------------------------------------------------


def number(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def whole(value: int | None) -> str:
    return "-" if value is None else str(value)


def duration(seconds: float | None) -> str:
    return "-" if seconds is None else format_duration(round(seconds))


def summary_rows(summary: Summary) -> list[tuple[str, str]]:
    """The summary as (measure, value) pairs, worded as in cramp trials; shared by every view."""
    s = summary
    return [
        ("Days recorded", f"{s.recorded_days} of {s.days} ({s.unrecorded_days} not recorded)"),
        ("Cramps", str(s.cramps)),
        ("Cramps per week", s.rate.text()),
        ("Cramp days", str(s.cramp_days)),
        ("Cramp-free days", str(s.cramp_free_days)),
        ("Night cramps per night", f"{s.night_rate.text(2)} ({plural(s.night_cramps, 'night cramp')})"),
        ("Severity, mean (0-10)", f"{number(s.mean_severity)} ({s.rated} rated)"),
        ("Severity, maximum", whole(s.max_severity)),
        ("Moderate or severe", f"{percent(s.share_moderate_or_severe)} ({s.moderate} moderate, {s.severe} severe)"),
        ("Duration, median", f"{duration(s.median_duration)} ({s.timed} timed)"),
        ("Duration, maximum", duration(s.max_duration)),
        ("Lasted over 10 minutes", str(s.long_cramps)),
        ("Woke from sleep", f"{percent(s.share_woke)} ({s.night_cramps} of {s.context_known} with a setting noted)"),
        ("Sleep disturbed (0-10)", s.sleep.text()),
        ("Bedtime stretches", f"done on {s.bedtime_evenings} of the period's {plural(s.days, 'evening')}"),
    ]


def period_line(summary: Summary, weeks_asked: int | None, *, chosen: bool = False) -> str:
    """The period in a line: 2026-08-31 to 2026-11-22 (12 weeks, 84 days); 79 days recorded."""
    span = "the days chosen" if chosen else "all records" if weeks_asked is None else plural(weeks_asked, "week")
    return (
        f"{summary.first.isoformat()} to {summary.last.isoformat()} ({span}, {plural(summary.days, 'day')});"
        f" {plural(summary.recorded_days, 'day')} recorded."
    )


def context_label(context: str | None) -> str:
    return "-" if context is None else CONTEXT_LABELS.get(context, context)


def episode_cells(episode: Episode, zone: tzinfo | None = None) -> list[str]:
    """One episode as table cells, in the same order as EPISODE_HEADERS.

    Times are local wall-clock times; the UTC offset is written only for a cramp
    logged away from home (``zone``), never for summer or winter time.
    """
    fields = episode_fields(episode)
    offset = f" ({fields.offset})" if logged_away(episode.started_at, zone) else ""
    return [
        f"{fields.when}{offset}",
        fields.muscle,
        fields.side,
        fields.duration,
        fields.severity or "-",
        context_label(episode.context),
        fields.triggers or "-",
        fields.reliefs or "-",
        "; ".join(part for part in (fields.signs, leg_check_text(episode)) if part) or "-",
        " ".join(fields.note.split()),
    ]


EPISODE_HEADERS = ("When", "Muscle", "Side", "Duration", "Severity", "Setting", "Triggers", "Reliefs", "Signs", "Note")


def hour_bands(hours: list[int], size: int = 3) -> list[tuple[str, int]]:
    """The 24 hourly counts in bands (00-03, 03-06, ...) short enough for a printed page."""
    return [(f"{start:02d}:00-{start + size:02d}:00", sum(hours[start : start + size])) for start in range(0, 24, size)]


@dataclass(frozen=True)
class Table:
    """A table both formats draw the same way; ``numeric`` columns are right-aligned in HTML."""

    heading: str
    headers: tuple[str, ...]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    empty: str = "None in this period."
    #: A CSS class for the HTML table (the long episode list prints smaller).
    css: str = ""


def week_rate(week: Week) -> str:
    """A week's cramps per week (÷ recorded days × 7), or "no data" when no day was recorded."""
    return "no data" if not week.recorded_days else number(week.cramps * 7 / week.recorded_days)


def weekly_table(weeks: list[Week]) -> Table:
    return Table(
        "Week by week",
        ("ISO week", "Monday", "Cramps", "Recorded days", "Cramps per week", "Cramp days", "Mean severity", "Max severity"),
        [
            [w.iso, w.monday.isoformat(), str(w.cramps), f"{w.recorded_days} of {w.days}", week_rate(w),
             str(w.cramp_days), number(w.mean_severity), whole(w.max_severity)]
            for w in weeks
        ],
        frozenset({2, 4, 5, 6, 7}),
    )


def detail_tables(data: ReportData) -> list[Table]:
    """The tables after the weekly one, in the order a provider reads them."""
    return [
        Table("Time of day", ("Started between", "Cramps"), [[b, str(n)] for b, n in hour_bands(data.hourly)], frozenset({1})),
        Table(
            "Muscles and sides",
            ("Muscle", "Left", "Right", "Both", "Total"),
            [[m.muscle, str(m.left), str(m.right), str(m.both), str(m.total)] for m in data.muscles],
            frozenset({1, 2, 3, 4}),
        ),
        Table("Possible triggers noted", ("Trigger", "Cramps"), [[t, str(n)] for t, n in data.triggers], frozenset({1})),
        Table("What was done to ease them", ("Relief", "Times"), [[r, str(n)] for r, n in data.reliefs], frozenset({1})),
        Table("Episodes", EPISODE_HEADERS, [episode_cells(e, data.zone) for e in data.episodes], frozenset({3, 4}), css="episodes"),
    ]
