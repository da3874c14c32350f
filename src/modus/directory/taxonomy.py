"""The fixed vocabularies: the EU's 14 industrial ecosystems and the value-chain stages.

Names are marked for translation here so that `Ecosystem.__str__` can show them in Czech.
"""

from django.utils.translation import gettext_noop

# (code, English name), in the order of the EU Industrial Strategy's annual report.
ECOSYSTEMS = [
    ("aerospace-defence", gettext_noop("Aerospace & Defence")),
    ("agri-food", gettext_noop("Agri-food")),
    ("construction", gettext_noop("Construction")),
    ("cultural-creative", gettext_noop("Cultural & Creative Industries")),
    ("digital", gettext_noop("Digital")),
    ("electronics", gettext_noop("Electronics")),
    ("energy-intensive", gettext_noop("Energy-Intensive Industries")),
    ("renewables", gettext_noop("Energy – Renewables")),
    ("health", gettext_noop("Health")),
    ("mobility-transport-automotive", gettext_noop("Mobility – Transport – Automotive")),
    ("proximity-social-economy", gettext_noop("Proximity, Social Economy & Civil Security")),
    ("retail", gettext_noop("Retail")),
    ("textile", gettext_noop("Textile")),
    ("tourism", gettext_noop("Tourism")),
]

# (code, English name), from upstream research to end use; adjacent stages trade.
VALUE_CHAIN_STAGES = [
    ("research", gettext_noop("Research & development")),
    ("design", gettext_noop("Design & engineering")),
    ("materials", gettext_noop("Raw materials & supplies")),
    ("components", gettext_noop("Components manufacturing")),
    ("integration", gettext_noop("System integration & assembly")),
    ("distribution", gettext_noop("Distribution & logistics")),
    ("services", gettext_noop("Services & maintenance")),
    ("end-use", gettext_noop("End users & recycling")),
]


def install(ecosystem_model, stage_model) -> None:
    """Create or refresh the vocabularies; takes the models so migrations can pass theirs."""
    for position, (code, name) in enumerate(ECOSYSTEMS, start=1):
        ecosystem_model.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )
    for position, (code, name) in enumerate(VALUE_CHAIN_STAGES, start=1):
        stage_model.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )
