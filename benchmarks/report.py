"""The benchmark's one table (and its JSON)."""

from __future__ import annotations

COLUMNS = ("figure", "flows/s", "p50 ms", "p95 ms", "queries", "worker CPU ms", "wall s", "peak MiB", "note")


def _number(value, digits=1) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


def web_row(label: str, result: dict, note: str = "") -> list[str]:
    if not result.get("flows"):
        return [label, "", "", "", "", "", "", "", f"no successful flow ({result.get('failures', 0)} failures)"]
    if result.get("failures"):
        note = f"{note}; {result['failures']} failed requests".lstrip("; ")
    return [
        label,
        _number(result["flows_per_s"]),
        _number(result["p50"], 0),
        _number(result["p95"], 0),
        _number(result["queries"]),
        _number(result["cpu_ms"]),
        "",
        "",
        note,
    ]


def batch_row(label: str, result: dict) -> list[str]:
    if "error" in result:
        return [label, "", "", "", "", "", "", "", result["error"][:120]]
    return [label, "", "", "", "", "", _number(result["seconds"], 2), _number(result["peak_mib"], 0), result["detail"]]


def table(rows: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    lines = [
        "| " + " | ".join(name.ljust(widths[i]) for i, name in enumerate(COLUMNS)) + " |",
        "|" + "|".join("-" * (width + 2) for width in widths) + "|",
    ]
    lines += ["| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    return "\n".join(lines)
