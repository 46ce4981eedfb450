"""Inspection metrics (DESIGN §4): registered once the inspections models exist."""
