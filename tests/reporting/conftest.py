"""A hand-built fourth quarter of 2024 with known answers (worked out by hand in the comments).

Calendar facts used: National Day holiday 1–7 October 2024; Sunday 29 September and Saturday
12 October were make-up working days. The 30th working day after Tue 8 October is Mon 18 November.

The case rows are written straight to the tables with the due dates the case services would have
stored; the history the statistics count (decisions, met periods, ratings, deadline spans) is then
appended by the real cases.services.records functions, which count the working days themselves.
"""

import pytest

from cases.models import Channel, Kind, Outcome, PausedInterval, Satisfaction, State, SupervisionNotice
from tests.factories.directory import DepartmentFactory, UserFactory
from tests.factories.reporting import CaseRowFactory, event, extension, local, notice, pause, record_history


@pytest.fixture
def departments(db):
    return DepartmentFactory(code="ZJ", short_name="住建局", name="市住房和城乡建设局"), DepartmentFactory(
        code="JT", short_name="交通局", name="市交通运输局",
    )


@pytest.fixture
def q4(departments):
    zj, jt = departments
    staff = UserFactory(username="handler-q4")
    cases = {}
    # A: accepted Fri 27 Sep, decided Wed 13 Nov. Working days after acceptance: Sun 29 Sep and
    # Mon 30 Sep (2), 8–11 Oct (6), Sat 12 Oct (7), four full weeks to 8 Nov (27), 11–13 Nov (30).
    # 30 of 30: on time (Monday–Friday counting would give 33, late).
    cases["A"] = CaseRowFactory(
        kind=Kind.COMPLAINT, department=zj, state=State.CLOSED, received="2024-09-25", accepted="2024-09-27",
        decided="2024-11-13", replied="2024-11-15", satisfaction=Satisfaction.SATISFIED, outcome=Outcome.UNSUBSTANTIATED,
        due="2024-11-13",
    )
    # B: accepted Tue 8 Oct, decided Tue 26 Nov: 36 working days, of which a suspension from
    # Mon 21 Oct to Thu 31 Oct took 8 (22–25 and 28–31 Oct) off the clock: 28 of 30. The due date
    # moved from 18 Nov by those 8 to Thu 28 Nov: on time.
    cases["B"] = CaseRowFactory(
        kind=Kind.COMPLAINT, channel=Channel.ONLINE, department=zj, state=State.REPLIED, received="2024-10-08",
        accepted="2024-10-08", decided="2024-11-26", replied="2024-11-28", satisfaction=Satisfaction.DISSATISFIED,
        due="2024-11-28",
        outcome=Outcome.PARTLY_SUBSTANTIATED, measures=["order_to_correct"],
    )
    pause(cases["B"], started="2024-10-21", ended="2024-10-31")
    # A supplement pause only stops the acceptance clock; it must not count here.
    pause(cases["B"], started="2024-10-08", ended="2024-10-09", reason=PausedInterval.Reason.SUPPLEMENT)
    # C: a report accepted 8 Oct, decided Fri 29 Nov: 39 working days; an approved extension of 10
    # moved the due date from 18 Nov to Mon 2 Dec: on time. A refused extension does not count.
    cases["C"] = CaseRowFactory(
        kind=Kind.REPORT, channel=Channel.PHONE, department=jt, state=State.DECIDED, received="2024-10-08",
        accepted="2024-10-08", decided="2024-11-29", replied="2024-12-02", satisfaction=Satisfaction.NO_RESPONSE,
        due="2024-12-02",
        outcome=Outcome.SUBSTANTIATED, measures=["fine", "bad_record", "transfer_police"], fine_amount="50000.00",
    )
    extension(cases["C"], workdays=10, requested_by=staff)
    extension(cases["C"], workdays=20, requested_by=staff, status="refused")
    # D: accepted 8 Oct, due 18 Nov, decided Mon 2 Dec: 40 working days: late.
    cases["D"] = CaseRowFactory(
        kind=Kind.COMPLAINT, channel=Channel.PAPER, department=jt, state=State.DECIDED, received="2024-10-08",
        accepted="2024-10-08", decided="2024-12-02", outcome=Outcome.UNSUBSTANTIATED, measures=["warning"],
        due="2024-11-18",
        fine_amount="1200.50",
    )
    # F: re-handled after dissatisfaction: reopened Fri 1 Nov, decided again Wed 20 Nov: a fresh
    # period (due Fri 13 Dec); it took 13 working days (4–8, 11–15, 18–20 Nov): on time.
    cases["F"] = CaseRowFactory(
        kind=Kind.COMPLAINT, department=zj, state=State.DECIDED, received="2024-08-01", accepted="2024-08-02",
        decided="2024-11-20", rehandled=True, outcome=Outcome.DISMISSED, due="2024-12-13",
    )
    event(cases["F"], from_state=State.REPLIED, to_state=State.INVESTIGATING, on="2024-11-01")
    # G: a suggestion late on New Year's Eve (local time) is in the quarter; H, ten minutes past
    # midnight, is not.
    cases["G"] = CaseRowFactory(kind=Kind.SUGGESTION, received=local("2024-12-31", 23, 50))
    cases["H"] = CaseRowFactory(kind=Kind.SUGGESTION, received=local("2025-01-01", 0, 10))
    # R not accepted, W withdrawn (JT), T transferred out (ZJ).
    cases["R"] = CaseRowFactory(kind=Kind.COMPLAINT, channel=Channel.PAPER, state=State.REJECTED, received="2024-10-09")
    event(cases["R"], from_state=State.SUBMITTED, to_state=State.REJECTED, on="2024-10-10")
    cases["W"] = CaseRowFactory(kind=Kind.REPORT, department=jt, state=State.WITHDRAWN, received="2024-10-10",
                                accepted="2024-10-11")
    event(cases["W"], from_state=State.INVESTIGATING, to_state=State.WITHDRAWN, on="2024-11-05")
    cases["T"] = CaseRowFactory(kind=Kind.REPORT, department=zj, state=State.TRANSFERRED, received="2024-10-10",
                                accepted="2024-10-11")
    event(cases["T"], from_state=State.INVESTIGATING, to_state=State.TRANSFERRED, on="2024-11-06")
    # Open cases: O1 (JT) missed its decision deadline on 20 Dec; O2's deadline is in January;
    # O3 is suspended (its clock stands still).
    cases["O1"] = CaseRowFactory(kind=Kind.REPORT, department=jt, state=State.INVESTIGATING, received="2024-09-02",
                                 accepted="2024-09-03", current_deadline="decision", current_due="2024-12-20")
    cases["O2"] = CaseRowFactory(kind=Kind.REPORT, department=jt, state=State.INVESTIGATING, received="2024-09-02",
                                 accepted="2024-09-03", current_deadline="decision", current_due="2025-01-10")
    cases["O3"] = CaseRowFactory(kind=Kind.REPORT, department=zj, state=State.SUSPENDED, received="2024-09-02",
                                 accepted="2024-09-03", current_deadline="", current_due=None)
    # Supervision: notices on O1 (JT) in December and on A (ZJ) in November; one escalation on
    # O1; one notice in September that belongs to the previous quarter.
    notice(cases["O1"], on="2024-12-23")
    notice(cases["A"], on="2024-11-01")
    notice(cases["O1"], on="2024-12-30", level=SupervisionNotice.Level.ESCALATION)
    notice(cases["O1"], on="2024-09-10")
    # The history the services append: decisions and their periods, ratings (A satisfied on
    # 18 Nov, B dissatisfied on 2 Dec) and the deadlines the open cases ran against since 3 Sep.
    for name in "ABCDF":
        record_history(cases[name])
    record_history(cases["A"], rated_on="2024-11-18", satisfied=True)
    record_history(cases["B"], rated_on="2024-12-02", satisfied=False)
    for name in ("O1", "O2", "O3"):
        record_history(cases[name], deadline_since="2024-09-03")
    return cases


@pytest.fixture
def home(db):
    from wagtail.models import Page, Site

    from cms.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="公共资源交易监督平台", slug="home-test"))
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80})
    return home


@pytest.fixture
def office(roles):
    from directory.roles import AUDITOR, EDITOR, HANDLER, OFFICE_INTAKE, OFFICE_SUPERVISOR

    return {
        "supervisor": UserFactory(username="rp-supervisor", roles=[OFFICE_SUPERVISOR]),
        "intake": UserFactory(username="rp-intake", roles=[OFFICE_INTAKE]),
        "auditor": UserFactory(username="rp-auditor", roles=[AUDITOR]),
        "editor": UserFactory(username="rp-editor", roles=[EDITOR]),
        "handler": UserFactory(username="rp-handler", roles=[HANDLER]),
    }
