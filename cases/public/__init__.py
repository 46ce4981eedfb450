"""The public side of cases: online intake, complainant accounts, tracking (DESIGN §3)."""
