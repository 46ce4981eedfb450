"""Benchmark only (BENCH_COUNT_QUERIES=1): each response says how many SQL statements it ran, in
the X-Bench-Queries header, so the load generator can report queries per request."""

from django.db import connection

HEADER = "X-Bench-Queries"


class CountQueriesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
