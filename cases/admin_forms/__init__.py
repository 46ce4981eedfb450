"""Back-office forms: staff intake, one form per workflow action, and the queue filters."""
