from django.db import migrations

# DESIGN §3: statutory and local-practice defaults; the office edits them afterwards.
DEFAULTS = [
    # track, acceptance, decision, decision counted from acceptance, filing limit (calendar days)
    ("complaint_tendering", 3, 30, True, 10),  # 招标投标法实施条例 Art. 60-61
    ("complaint_procurement", 5, 30, False, None),  # 财政部令第94号: 30 WD from receipt
    ("report", 5, 30, True, None),
    ("suggestion", None, 15, False, None),  # reply within 15 WD of receipt
]


def create_defaults(apps, schema_editor):
    policy_model = apps.get_model("cases", "DeadlinePolicy")
    for track, acceptance, decision, from_acceptance, filing_limit in DEFAULTS:
        policy_model.objects.get_or_create(
            track=track,
            defaults={
                "acceptance_workdays": acceptance,
                "decision_workdays": decision,
                "decision_from_acceptance": from_acceptance,
                "filing_limit_days": filing_limit,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
