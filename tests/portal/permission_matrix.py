"""The permission matrix: every URL of the portal × every role and anonymous, with the expected
outcome (issue 9, item 11). tests/portal/test_permission_matrix.py turns it into tests.

How to add a URL (a new view fails CI until its row exists):
1. Find its route as Django prints it, e.g. ``admin/cases/<int:pk>/`` or ``api/v1/cases/``
   (`test_every_url_has_a_rule` lists the missing ones).
2. Add ``"<route>": Row(path, {outcomes}, default=...)`` to MATRIX below. ``path`` builds a real URL from
   the World (tests/portal/permission_world.py: a case, an attachment, a plan, an inspection with
   evidence, a disclosure; add objects there when a view needs one). Outcomes per role name in
   ROLES: OK (200), LOGIN (sent to a login page), DENIED (403, or Wagtail's redirect to its
   dashboard), MISSING (404: out of the user's scope), REDIRECT (any other redirect),
   POST_ONLY (405 on GET). ``default`` applies to roles not named; PUBLIC, STAFF_ONLY, etc. are
   shorthands for common rows. Use ``method="post"`` for POST-only views.
3. Third-party views (Wagtail's own admin, Django admin for non-project models, captcha, …) are
   covered by FAMILIES: the sweep test checks that none of them answers an anonymous visitor or a
   complainant with anything but a login page or a refusal.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

from django.urls import reverse

OK, LOGIN, DENIED, MISSING, REDIRECT, POST_ONLY = "ok", "login", "denied", "missing", "redirect", "post_only"
UNAUTHORIZED = "unauthorized"  # 401: the API asks for a token

ROLES = (
    "anonymous", "complainant", "office_intake", "office_supervisor", "department_head", "handler",
    "grid_supervisor", "inspector", "inspection_manager", "editor", "auditor", "superuser",
)
BACK_OFFICE = ROLES[2:]
CASE_STAFF = ("office_intake", "office_supervisor", "department_head", "handler", "grid_supervisor", "auditor",
              "superuser")
DJANGO_ADMIN_STAFF = ("office_supervisor", "inspection_manager", "superuser")  # is_staff accounts


@dataclass
class Row:
    path: object  # callable(world) -> str
    outcomes: dict = field(default_factory=dict)
    default: str = DENIED
    method: str = "get"
    data: dict = field(default_factory=dict)

    def expected(self, role: str) -> str:
        return self.outcomes.get(role, self.default)


def public(path, **outcomes):
    """Everyone, anonymous included, gets the page."""
    return Row(path, outcomes, default=OK)


def back_office(path, allowed, *, others=DENIED, **outcomes):
    """A Wagtail back-office view: anonymous visitors and complainants go to the login page,
    `allowed` roles get it, the other staff are refused."""
    table = {"anonymous": LOGIN, "complainant": LOGIN, **dict.fromkeys(allowed, OK)}
    table.update(outcomes)
    return Row(path, table, default=others)


def django_admin(path, allowed, **outcomes):
    """Django admin: only is_staff accounts get in; among them only `allowed` get this page."""
    table = {role: LOGIN for role in ROLES if role not in DJANGO_ADMIN_STAFF}
    table.update(dict.fromkeys(allowed, OK))
    table.update(outcomes)
    return Row(path, table, default=DENIED)


def api_staff(path, allowed, **outcomes):
    """An API endpoint for back-office sessions (or client tokens): 401 without either, `allowed`
    roles get it, other accounts are refused."""
    table = {"anonymous": UNAUTHORIZED, **dict.fromkeys(allowed, OK)}
    table.update(outcomes)
    return Row(path, table, default=DENIED)


def url(name, *args):
    return lambda w: reverse(name, args=[arg(w) if callable(arg) else arg for arg in args])


def case_pk(w):
    return w.case.pk


def filer_only(path, method="get"):
    """The public case pages: only a session that proved the access code, or the filer's account."""
    return Row(path, {}, default=REDIRECT, method=method)


def _django_admin_model(app, model, *, view=(), add=(), delete=None, importers=("superuser",), export=None):
    """Every Django admin route of one project model. `view`: is_staff roles with its view
    permission (changelist and, unless `export` says otherwise, export); `add`: roles that may add,
    change and delete (None: nobody, not even a superuser); `importers`: roles that may import (None:
    no import/export); `delete`: roles that may delete, when not the same. Object routes use id 0, which never exists: Django admin then redirects
    those who may see the model and refuses the others."""
    base = f"django-admin/{app}/{model}/"
    export = view if export is None else export
    has_view = set(view) | {"superuser"}
    editors = set() if add is None else set(add) | {"superuser"}
    deleters = editors if delete is None else set(delete) | {"superuser"}
    staff_redirect = dict.fromkeys(DJANGO_ADMIN_STAFF, REDIRECT)
    rows = {
        base: django_admin(lambda w: f"/{base}", has_view),
        f"{base}add/": django_admin(lambda w: f"/{base}add/", editors),
        f"{base}<path:object_id>/": django_admin(lambda w: f"/{base}0/", (), **staff_redirect),
        f"{base}<path:object_id>/change/": django_admin(lambda w: f"/{base}0/change/", (),
                                                        **dict.fromkeys(has_view, REDIRECT)),
        f"{base}<path:object_id>/delete/": django_admin(lambda w: f"/{base}0/delete/", (),
                                                        **dict.fromkeys(deleters, REDIRECT)),
        f"{base}<path:object_id>/history/": django_admin(lambda w: f"/{base}0/history/", (), **staff_redirect),
    }
    if importers is not None:
        rows.update({
            f"{base}export/": django_admin(lambda w: f"/{base}export/", set(export) | {"superuser"}),
            f"{base}import/": django_admin(lambda w: f"/{base}import/", set(importers) | {"superuser"}),
            # The import form posts here; a GET is refused before any permission check.
            f"{base}process_import/": django_admin(lambda w: f"/{base}process_import/", (), **dict.fromkeys(DJANGO_ADMIN_STAFF, POST_ONLY)),
        })
    return rows


def _pk(attribute):
    """world -> world.a.b.c (methods such as `first` are called)."""
    def get(w):
        value = w
        for part in attribute.split("."):
            value = getattr(value, part)
            value = value() if inspect.ismethod(value) else value
        return value
    return get


# Roles with the inspection back office (plans, inspections, targets); the inspector only their own.
INSPECTION_READERS = ("office_supervisor", "inspector", "inspection_manager", "auditor", "superuser")
STATISTICS = ("office_intake", "office_supervisor", "auditor", "superuser")
DISCLOSURE_READERS = ("office_intake", "office_supervisor", "department_head", "inspection_manager", "editor",
                      "auditor", "superuser")
DIRECTORY_READERS = ("office_intake", "office_supervisor", "department_head", "handler", "grid_supervisor",
                     "inspection_manager", "auditor", "superuser")
SUPERVISOR = ("office_supervisor", "superuser")
MONITORING_STAFF = ("office_supervisor", "department_head", "auditor", "superuser")  # monitoring permissions
IMPORT_READERS = ("office_supervisor", "auditor", "superuser")
ENTITY_READERS = tuple(role for role in BACK_OFFICE if role != "editor")  # directory.view_marketentity
INSPECTION_MANAGER = ("inspection_manager", "superuser")
WAGTAIL_SUPERUSER_ONLY = ("superuser",)

MATRIX: dict[str, Row] = {
    # --- site-wide -------------------------------------------------------------------------------
    "healthz": public(lambda w: "/healthz"),
    "robots.txt": public(lambda w: "/robots.txt"),
    "i18n/setlang/": Row(lambda w: "/i18n/setlang/", default=REDIRECT),
    # --- public: complaints and reports ----------------------------------------------------------
    "cases/": public(url("cases:start")),
    "cases/complaint/new/": public(url("cases:complaint_new"), anonymous=LOGIN),  # complaints need real identity
    "cases/report/new/": public(url("cases:report_new")),
    "cases/suggestion/new/": public(url("cases:suggestion_new")),
    "cases/receipt/": Row(url("cases:receipt"), default=REDIRECT),  # shown once, right after filing
    "cases/projects/lookup/": public(url("cases:project_lookup")),
    "cases/track/": public(url("cases:track")),
    "cases/my/": public(url("cases:my_cases"), anonymous=LOGIN),
    # A case page needs proof of the access code (or the filer's own account): nobody here has it.
    "cases/case/<str:number>/": filer_only(lambda w: reverse("cases:case_detail", args=[w.case.number])),
    "cases/case/<str:number>/supplement/": filer_only(
        lambda w: reverse("cases:case_supplement", args=[w.case.number]), method="post"),
    "cases/case/<str:number>/withdraw/": filer_only(
        lambda w: reverse("cases:case_withdraw", args=[w.case.number]), method="post"),
    "cases/case/<str:number>/rate/": filer_only(
        lambda w: reverse("cases:case_rate", args=[w.case.number]), method="post"),
    "cases/account/login/": Row(url("accounts:login"), {"anonymous": OK}, default=REDIRECT),
    "cases/account/logout/": Row(url("accounts:logout"), default=REDIRECT, method="post"),
    "cases/account/register/": Row(url("accounts:register"), {"anonymous": OK}, default=REDIRECT),
    "cases/account/register/verify/": Row(url("accounts:register_verify"), default=REDIRECT),
    "cases/account/password/": public(url("accounts:password_reset")),
    "cases/account/password/verify/": Row(url("accounts:password_reset_verify"), default=REDIRECT),
    # --- public: inspections and disclosures -------------------------------------------------------
    "inspections/": public(url("inspections:index")),
    "inspections/draw-algorithm.md": public(url("inspections:specification")),
    "inspections/plans/<slug:code>/": public(url("inspections:plan", _pk("plan.code"))),
    "inspections/plans/<slug:code>/progress.json": public(url("inspections:progress", _pk("plan.code"))),
    "inspections/plans/<slug:code>/draw_algorithm.py": public(url("inspections:algorithm", _pk("plan.code"))),
    "inspections/plans/<slug:code>/<str:filename>": public(url("inspections:download", _pk("plan.code"),
                                                               "manifest.json")),
    "publicity/": public(url("publicity:list")),
    "publicity/<int:pk>/": public(url("publicity:detail", _pk("disclosure.pk"))),
    "publicity/feed/rss/": public(url("publicity:feed_rss")),
    "publicity/feed/atom/": public(url("publicity:feed_atom")),
    "publicity/export.<str:fmt>": public(url("publicity:export", "csv")),
    # --- staff sign-in: second factor (staffauth) ------------------------------------------------
    # Tests sign staff in with a verified authenticator (tests/conftest.py): they see the code form;
    # accounts without one (complainants, editors) are sent on to the optional enrolment.
    "account/two-factor/verify/": Row(url("staffauth:verify"), {"anonymous": LOGIN, "complainant": REDIRECT,
                                                                "editor": REDIRECT}, default=OK),
    "account/two-factor/enrol/": Row(url("staffauth:enrol"), {"anonymous": LOGIN, "complainant": OK, "editor": OK},
                                     default=REDIRECT),
    "account/two-factor/backup-codes/": Row(url("staffauth:codes"), {"anonymous": LOGIN}, default=OK),
    "admin/two-factor/reset/": back_office(url("staffauth_reset"), SUPERVISOR),
    # --- back office: cases ------------------------------------------------------------------------
    "admin/cases/queue/<str:queue>/": back_office(url("cases_queue", "all"), CASE_STAFF),
    "admin/cases/queue/<str:queue>/results/": back_office(url("cases_queue_results", "all"), CASE_STAFF),
    "admin/cases/queue/<str:queue>/identities/": back_office(url("cases_identity_export", "all"), SUPERVISOR),
    "admin/cases/new/": back_office(url("cases_intake"), ("office_intake", "superuser")),
    # The grid supervisor's profile names a grid; the case is outside it.
    "admin/cases/<int:pk>/": back_office(url("cases_case", case_pk), CASE_STAFF, grid_supervisor=MISSING),
    "admin/cases/<int:pk>/receipt/": back_office(url("cases_receipt", case_pk), (),
                                                 office_intake=REDIRECT, superuser=REDIRECT),
    # The decision document (投诉处理决定书) of the decided complaint: whoever sees the case.
    "admin/cases/<int:pk>/decision/": back_office(url("cases_decision", _pk("decided.pk")), CASE_STAFF,
                                                  grid_supervisor=MISSING),
    "admin/cases/<int:pk>/decision.pdf": back_office(url("cases_decision_pdf", _pk("decided.pk")), CASE_STAFF,
                                                     grid_supervisor=MISSING),
    "admin/cases/<int:pk>/do/<str:action>/": back_office(url("cases_action", case_pk, "add_internal_note"),
                                                         CASE_STAFF, grid_supervisor=MISSING),
    "admin/cases/<int:pk>/files/<int:attachment_pk>/": back_office(
        url("cases_attachment", case_pk, _pk("attachment.pk")), CASE_STAFF, grid_supervisor=MISSING),
    # POST only; an empty post goes back to the queue with the form's message.
    "admin/cases/bulk/refer/": Row(url("cases_bulk_refer"), {
        "anonymous": LOGIN, "complainant": LOGIN, "office_intake": REDIRECT, "office_supervisor": REDIRECT,
        "superuser": REDIRECT}, default=DENIED, method="post"),
    "admin/cases/extensions/": back_office(url("cases_extensions"), SUPERVISOR),
    "admin/cases/extensions/<int:pk>/decide/": back_office(url("cases_extension_decide", _pk("extension.pk")),
                                                           SUPERVISOR),
    "admin/calendar/load-year/": back_office(url("directory_load_year"), SUPERVISOR),
    # --- back office: inspections ------------------------------------------------------------------
    "admin/inspections_plan/": back_office(url("inspections_plan:index"), INSPECTION_READERS),
    "admin/inspections_plan/results/": back_office(url("inspections_plan:index_results"), INSPECTION_READERS),
    "admin/inspections_plan/new/": back_office(url("inspections_plan:add"), ("inspection_manager", "superuser")),
    "admin/inspections_plan/edit/<int:pk>/": back_office(url("inspections_plan:edit", _pk("plan.pk")),
                                                         INSPECTION_READERS),
    # A drawn plan can no longer be edited: its managers are sent back to the plan page.
    "admin/inspections/plans/<int:pk>/edit/": back_office(url("inspections_plan_edit", _pk("plan.pk")), (),
                                                          inspection_manager=REDIRECT, superuser=REDIRECT),
    "admin/inspections/plans/<int:pk>/export.xlsx": back_office(url("inspections_plan_export", _pk("plan.pk")),
                                                                INSPECTION_READERS),
    "admin/inspections/plans/<int:pk>/<slug:action>/": back_office(
        url("inspections_plan_action", _pk("plan.pk"), "cancel"), ("inspection_manager", "superuser")),
    "admin/inspections_inspection/": back_office(url("inspections_inspection:index"), INSPECTION_READERS),
    "admin/inspections_inspection/results/": back_office(url("inspections_inspection:index_results"),
                                                         INSPECTION_READERS),
    "admin/inspections_inspection/edit/<int:pk>/": back_office(
        url("inspections_inspection:edit", _pk("inspection.pk")), INSPECTION_READERS),
    "admin/inspections/inspections/<int:pk>/evidence/<int:evidence_pk>/": back_office(
        url("inspections_evidence_download", _pk("inspection.pk"), _pk("evidence.pk")), INSPECTION_READERS),
    # Uploading evidence: the inspection's team and managers; others do not even see the inspection.
    "admin/inspections/inspections/<int:pk>/<slug:action>/": back_office(
        url("inspections_inspection_action", _pk("inspection.pk"), "evidence"),
        ("inspector", "inspection_manager", "superuser"), others=MISSING,
        office_supervisor=DENIED, auditor=DENIED),
    "admin/inspections/build-targets/": back_office(url("inspections_build_targets"),
                                                    ("inspection_manager", "superuser")),
    "admin/inspections/inspectors/<int:pk>/conflicts/": back_office(
        url("inspections_inspector_conflicts", _pk("inspection.assignments.first.inspector.pk")),
        ("office_supervisor", "inspection_manager", "auditor", "superuser")),
    # --- back office: disclosures and statistics -------------------------------------------------
    "admin/publicity/disclosure/": back_office(url("publicity_disclosure:index"), DISCLOSURE_READERS),
    "admin/publicity/disclosure/results/": back_office(url("publicity_disclosure:index_results"),
                                                       DISCLOSURE_READERS),
    "admin/publicity/disclosure/inspect/<int:pk>/": back_office(
        url("publicity_disclosure:inspect", _pk("disclosure.pk")), DISCLOSURE_READERS),
    "admin/publicity/publish/": back_office(url("publicity_publish"),
                                            ("office_intake", "office_supervisor", "inspection_manager", "superuser")),
    "admin/publicity/<int:pk>/withdraw/": back_office(url("publicity_withdraw", _pk("disclosure.pk")), SUPERVISOR),
    "admin/publicity/<int:pk>/repair/": back_office(url("publicity_repair", _pk("disclosure.pk")), SUPERVISOR),
    "admin/publicity/complaint-decisions/": back_office(
        url("publicity_complaint_decisions"), ("office_intake", "office_supervisor", "inspection_manager", "superuser")),
    "admin/publicity/complaint-decisions/<int:pk>/publish/": back_office(
        url("publicity_publish_decision", _pk("decided.pk")), ("office_intake", "office_supervisor", "superuser"),
        inspection_manager=MISSING),
    "admin/statistics/": back_office(url("reporting_dashboard"), STATISTICS),
    "admin/statistics/print/": back_office(url("reporting_print"), STATISTICS),
    "admin/statistics/export/<slug:table>.xlsx": back_office(url("reporting_export", "all"), STATISTICS),
    # --- back office: Wagtail's own screens the roles rely on ------------------------------------
    "admin/": back_office(url("wagtailadmin_home"), BACK_OFFICE),
    "admin/pages/": back_office(url("wagtailadmin_explore_root"), WAGTAIL_SUPERUSER_ONLY),
    "admin/users/": back_office(lambda w: "/admin/users/", WAGTAIL_SUPERUSER_ONLY),
    "admin/groups/": back_office(lambda w: "/admin/groups/", WAGTAIL_SUPERUSER_ONLY),
    "admin/documents/": back_office(lambda w: "/admin/documents/", WAGTAIL_SUPERUSER_ONLY),
    "admin/images/": back_office(lambda w: "/admin/images/", WAGTAIL_SUPERUSER_ONLY),
    "admin/directory_staffprofile/": back_office(lambda w: "/admin/directory_staffprofile/", DIRECTORY_READERS),
    "admin/inspections_target/": back_office(lambda w: "/admin/inspections_target/", INSPECTION_READERS),
    # --- Django admin: bulk import/export for is_staff accounts (office supervisor, inspection manager)
    "django-admin/": django_admin(lambda w: "/django-admin/", DJANGO_ADMIN_STAFF),
    # Cases: only staff with case permissions, only visible cases, never identities; no detail page.
    **_django_admin_model("cases", "case", view=SUPERVISOR, add=None),
    # The account trail: read-only for everyone (staffauth.admin); the supervisor may read it.
    **_django_admin_model("staffauth", "accountevent", view=SUPERVISOR, add=None, importers=None),
    **_django_admin_model("directory", "department", view=DJANGO_ADMIN_STAFF),
    **_django_admin_model("directory", "grid", view=DJANGO_ADMIN_STAFF),
    **_django_admin_model("directory", "staffprofile", view=DJANGO_ADMIN_STAFF),
    **_django_admin_model("directory", "marketentity", view=DJANGO_ADMIN_STAFF),
    **_django_admin_model("directory", "entityrelation", view=DJANGO_ADMIN_STAFF),
    **_django_admin_model("directory", "tradingproject", view=DJANGO_ADMIN_STAFF),
    **_django_admin_model("directory", "bid", view=DJANGO_ADMIN_STAFF),
    **_django_admin_model("directory", "award", view=DJANGO_ADMIN_STAFF),
    **_django_admin_model("directory", "calendarday", view=DJANGO_ADMIN_STAFF, add=SUPERVISOR,
                          importers=SUPERVISOR),
    **_django_admin_model("directory", "calendaryear", view=DJANGO_ADMIN_STAFF, add=SUPERVISOR, delete=(),
                          importers=None),
    # The inspection manager keeps the inspection directories (items, targets, inspectors, ties).
    **_django_admin_model("inspections", "inspectionitem", view=DJANGO_ADMIN_STAFF, add=INSPECTION_MANAGER,
                          importers=INSPECTION_MANAGER),
    **_django_admin_model("inspections", "inspectiontarget", view=DJANGO_ADMIN_STAFF, add=INSPECTION_MANAGER,
                          importers=INSPECTION_MANAGER),
    **_django_admin_model("inspections", "inspector", view=DJANGO_ADMIN_STAFF, add=INSPECTION_MANAGER,
                          importers=INSPECTION_MANAGER),
    **_django_admin_model("inspections", "inspectortie", view=DJANGO_ADMIN_STAFF, add=INSPECTION_MANAGER,
                          importers=None),
    # Monitoring back office (merged from the mondata branch; ids 0 never exist).
    "admin/monitoring/leads/": back_office(url("monitoring_leads"), MONITORING_STAFF),
    "admin/monitoring/leads/results/": back_office(url("monitoring_leads_results"), MONITORING_STAFF),
    "admin/monitoring/leads/<int:pk>/": back_office(url("monitoring_lead", 0), (),
                                                    **dict.fromkeys(MONITORING_STAFF, MISSING)),
    "admin/monitoring/leads/<int:pk>/<slug:action>/": back_office(url("monitoring_lead_action", 0, "dismiss"), (),
                                                                  **dict.fromkeys(MONITORING_STAFF, MISSING)),
    "admin/monitoring/entities/": back_office(url("monitoring_entities"), ENTITY_READERS),
    "admin/monitoring/entities/<int:pk>/": back_office(url("monitoring_entity_profile", 0), (),
                                                       **dict.fromkeys(ENTITY_READERS, MISSING),
                                                       editor=MISSING),  # looked up before the permission check
    "admin/monitoring/imports/": back_office(url("monitoring_imports"), IMPORT_READERS),
    "admin/monitoring/imports/new/": back_office(url("monitoring_import_new"), SUPERVISOR),
    "admin/monitoring/imports/<int:pk>/": back_office(url("monitoring_import", 0), (),
                                                      **dict.fromkeys(IMPORT_READERS, MISSING)),
    "admin/monitoring/leads/export.<str:fmt>": back_office(url("monitoring_leads_export", "csv"), MONITORING_STAFF),
    "admin/monitoring/runs/": back_office(url("monitoring_runs"), MONITORING_STAFF),
    "admin/monitoring/runs/new/": back_office(url("monitoring_run_new"), SUPERVISOR),
    "admin/monitoring/runs/<int:pk>/": back_office(url("monitoring_run", 0), (),
                                                   **dict.fromkeys(MONITORING_STAFF, MISSING)),
    "admin/monitoring/runs/<int:pk>/progress.json": back_office(url("monitoring_run_progress", 0), (),
                                                                **dict.fromkeys(MONITORING_STAFF, MISSING)),
    "admin/monitoring/parameters/": back_office(url("monitoring_parameters"), MONITORING_STAFF),
    "admin/monitoring/parameters/<slug:screen>/": back_office(url("monitoring_parameter_edit", "identical_bids"),
                                                              SUPERVISOR),
    # Risk grades change only through the inspections service (ids 0 never exist).
    # The target is looked up first: an id that does not exist is a 404 for every member of staff.
    "admin/inspections/targets/<int:pk>/grade/": back_office(url("inspections_target_grade", 0), (), others=MISSING),
    # Calendar days: the office supervisor keeps local overrides (the index is rebuilt on each write).
    "admin/directory_calendarday/new/": back_office(url("directory_calendarday:add"), SUPERVISOR),
    "admin/directory_calendarday/edit/<int:pk>/": back_office(url("directory_calendarday:edit", 0), (),
                                                              **dict.fromkeys(SUPERVISOR, MISSING)),
    "admin/directory_calendarday/delete/<int:pk>/": back_office(url("directory_calendarday:delete", 0), (),
                                                                others=MISSING),  # Wagtail looks the day up first
    # Integration API (api/): staff endpoints take a back-office session or a client token; without
    # either the answer is 401. Sessions get exactly the back office's case visibility.
    "api/schema/": public(lambda w: "/api/schema/"),
    "api/docs/": public(lambda w: "/api/docs/"),
    "api/": Row(lambda w: "/api/", default=MISSING),  # unknown API paths: a problem+json 404
    "api/v1/cases/": api_staff(lambda w: "/api/v1/cases/", CASE_STAFF),
    "api/v1/cases/track/": Row(lambda w: "/api/v1/cases/track/", default=POST_ONLY),
    "api/v1/cases/<str:number>/": api_staff(lambda w: f"/api/v1/cases/{w.case.number}/", CASE_STAFF,
                                            grid_supervisor=MISSING),
    "api/v1/cases/<str:number>/transitions/<str:name>/": api_staff(
        lambda w: f"/api/v1/cases/{w.case.number}/transitions/add_internal_note/", (),
        **dict.fromkeys(CASE_STAFF, POST_ONLY)),
    "api/v1/disclosures/": public(lambda w: "/api/v1/disclosures/"),
    "api/v1/disclosures/<int:pk>/": public(lambda w: f"/api/v1/disclosures/{w.disclosure.pk}/"),
    "api/v1/draws/<str:number>/": public(lambda w: f"/api/v1/draws/{w.plan.code}/"),
    "api/v1/statistics/quarters/": public(lambda w: "/api/v1/statistics/quarters/"),
    # No quarter of the world has a published report.
    "api/v1/statistics/quarters/<str:period>/": Row(lambda w: "/api/v1/statistics/quarters/2026-Q3/",
                                                    default=MISSING),
    "api/v1/trading/releases/": api_staff(lambda w: "/api/v1/trading/releases/", (),
                                          **dict.fromkeys(MONITORING_STAFF, POST_ONLY)),
    "api/v1/trading/imports/<int:pk>/": api_staff(lambda w: "/api/v1/trading/imports/0/", (),
                                                  **dict.fromkeys(MONITORING_STAFF, MISSING)),
    "admin/api_client/new/": back_office(url("api_client:add"), SUPERVISOR),
    "admin/api_client/edit/<int:pk>/": back_office(lambda w: "/admin/api_client/edit/0/", (),
                                                   **dict.fromkeys(SUPERVISOR, MISSING)),
    "admin/api/clients/<int:pk>/rotate/": back_office(lambda w: "/admin/api/clients/0/rotate/", (),
                                                      others=POST_ONLY),
}

# Third-party URL families: no row each, but the sweep test requests every one of them as an
# anonymous visitor and as a complainant and accepts only a login page, a refusal or "not found".
FAMILIES = {
    "admin/": "Wagtail's own back office (login and wagtailadmin.access_admin required)",
    "django-admin/": "Django admin (is_staff required)",
}
# Public third-party URLs that need no login by design (route prefixes).
PUBLIC_THIRD_PARTY = {
    "documents/": "Wagtail documents, served by Wagtail's view with its collection privacy",
    "captcha/": "django-simple-captcha images for the public forms",
    "_util/": "Wagtail's page-privacy login and password forms",
    "^((?:": "Wagtail page serving (the catch-all route)",
    "sitemap": "django.contrib.sitemaps: the public pages' sitemap index and sections",
}
