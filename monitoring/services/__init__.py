"""All writes of integrity monitoring (DESIGN §2): keyword-only, atomic, domain errors."""
