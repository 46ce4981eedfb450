def report_context(data):
    return {}
