"""Back-office (Wagtail admin) views for cases: queues, the case page, action forms, staff
intake, attachment downloads and extension decisions. Reads go through cases.selectors, writes
through cases.services."""
