"""The load the benchmark drives (locust, headless; started by benchmarks.load). Which user class
runs and its URLs, token and cookies come from the JSON file named by BENCH_LOCUST_CONFIG.

Each flow also reports two pseudo-requests: type FLOW (the flow's total time) and type QUERIES
(its SQL statements, from the X-Bench-Queries header, as the "response length")."""

import json
import os
import random
import re
import time
from pathlib import Path

from locust import HttpUser, constant, task

CONFIG = (
    json.loads(Path(os.environ["BENCH_LOCUST_CONFIG"]).read_text("utf-8"))
    if os.environ.get("BENCH_LOCUST_CONFIG")
    else {}
)
HASHKEY = re.compile(r'name="captcha_0"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="captcha_0"')
REPORT = {
    "identity": "anonymous",
    "respondent_name": "某建设公司",
    "title": "基准测试举报",
    "facts": "多家投标人的投标文件由同一人制作，报价呈规律性差异。",
}


def _queries(*responses) -> int:
    return sum(int(response.headers.get("X-Bench-Queries", 0)) for response in responses)


class BenchUser(HttpUser):
    abstract = True
    wait_time = constant(0)

    def report(self, name: str, started: float, queries: int) -> None:
        fire = self.environment.events.request.fire
        fire(
            request_type="FLOW",
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=None,
            context={},
        )
        fire(request_type="QUERIES", name=name, response_time=0, response_length=queries, exception=None, context={})

    def visitor(self) -> dict:
        # Each flow is a new visitor from its own address (the per-address filing limit is per person).
        self.client.cookies.clear()
        return {"X-Forwarded-For": f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"}

    def file_through_form(self, url: str, label: str, fields_from_page) -> None:
        """One visitor's flow through a web form: open it, post what `fields_from_page` reads from
        the page (plus the CSRF token), expect the redirect; reported as `label`."""
        headers, started = self.visitor(), time.perf_counter()
        page = self.client.get(url, headers=headers, name=f"{label}: GET")
        data = {**fields_from_page(page.text), "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            url, data=data, headers=headers, allow_redirects=False, name=f"{label}: POST", catch_response=True
        ) as posted:
            if posted.status_code != 302:
                posted.failure(f"status {posted.status_code}")
        self.report(label, started, _queries(page, posted))


def _report_fields(html: str) -> dict:
    found = HASHKEY.search(html)
    return {**REPORT, "captcha_0": (found.group(1) or found.group(2)) if found else "", "captcha_1": "PASSED"}


QUEUE_OPTION = re.compile(r'name="queue"[^>]*>\s*(?:<option value=""[^>]*>[^<]*</option>\s*)?<option value="(\d+)"')


def _ticket_fields(html: str) -> dict:
    queue = QUEUE_OPTION.search(html)
    return {
        "queue": queue.group(1) if queue else "",
        "title": REPORT["title"],
        "body": REPORT["facts"],
        "priority": "3",
        "submitter_email": "citizen@example.com",
    }


class WebFiling(BenchUser):
    @task
    def file_report(self):
        self.file_through_form(CONFIG["report_url"], "filing: web form", _report_fields)


class PeerWebFiling(BenchUser):
    """The same visitor filing through django-helpdesk's public ticket form (benchmarks/peer)."""

    @task
    def file_ticket(self):
        self.file_through_form(CONFIG["peer_url"], "peer: web form", _ticket_fields)


class ApiFiling(BenchUser):
    @task
    def file_report(self):
        headers, started = self.visitor(), time.perf_counter()
        headers["Authorization"] = f"Bearer {CONFIG['api_token']}"
        with self.client.post(
            CONFIG["api_url"],
            json={"kind": "report", **REPORT},
            headers=headers,
            name="filing: API POST",
            catch_response=True,
        ) as posted:
            if posted.status_code != 201:
                posted.failure(f"status {posted.status_code}: {posted.text[:200]}")
        self.report("filing: API", started, _queries(posted))


class StaffQueue(BenchUser):
    def on_start(self):
        self.client.cookies.set("sessionid", CONFIG["session"])

    @task
    def open_queue(self):
        started = time.perf_counter()
        with self.client.get(
            CONFIG["queue_url"], name=CONFIG["label"], allow_redirects=False, catch_response=True
        ) as page:
            if page.status_code != 200:
                page.failure(f"status {page.status_code}")
        self.report(CONFIG["label"], started, _queries(page))


class Tracking(BenchUser):
    def on_start(self):
        self.client.get(CONFIG["track_url"], name="tracking: form")

    @task
    def look_up(self):
        number, code = random.choice(CONFIG["tracking"])
        started = time.perf_counter()
        data = {"number": number, "access_code": code, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            CONFIG["track_url"], data=data, allow_redirects=False, name="tracking: lookup", catch_response=True
        ) as found:
            if found.status_code != 302:
                found.failure(f"status {found.status_code}")
        self.report("tracking lookup", started, _queries(found))


class DisclosureSearch(BenchUser):
    @task
    def search(self):
        started = time.perf_counter()
        with self.client.get(
            CONFIG["search_url"], params={"q": CONFIG["term"]}, name=CONFIG["label"], catch_response=True
        ) as page:
            if page.status_code != 200:
                page.failure(f"status {page.status_code}")
        self.report(CONFIG["label"], started, _queries(page))
