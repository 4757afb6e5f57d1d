"""The seven work models of the research: fixed codes, names, plain labels and plain
descriptions."""

# The seven work models of the research (see shared DESIGN.md); codes are fixed.
WORK_MODELS = [
    (
        "competence",
        "Persoonlijke competentieversterking",
        "Renforcement des compétences personnelles",
        "Personal skills building",
        "Iets bijleren dat je helpt in je dagelijks leven, zoals Nederlands, computer of budget.",
        "Apprendre quelque chose qui aide au quotidien, "
        "comme le néerlandais, l'ordinateur ou le budget.",
        "Learn something that helps in daily life, such as Dutch, computers or budgeting.",
    ),
    (
        "buddy",
        "Persoonlijke vriend",
        "Ami personnel",
        "Buddy / personal friend",
        "Een vrijwilliger die regelmatig tijd met jou doorbrengt en naar je luistert.",
        "Un bénévole qui passe régulièrement du temps avec vous et vous écoute.",
        "A volunteer who regularly spends time with you and listens to you.",
    ),
    (
        "own_network",
        "Persoonlijk netwerk",
        "Réseau personnel",
        "Own network",
        "Samen met je familie, vrienden en buren zoeken hoe zij jou kunnen steunen.",
        "Chercher avec votre famille, vos amis et vos voisins comment ils peuvent vous soutenir.",
        "Work out with your family, friends and neighbours how they can support you.",
    ),
    (
        "peer",
        "Lotgenotennetwerken",
        "Groupes de pairs",
        "Peer networks",
        "Mensen ontmoeten die hetzelfde meemaken als jij, en samen sterker staan.",
        "Rencontrer des personnes qui vivent la même chose que vous, et être plus forts ensemble.",
        "Meet people who are going through the same as you, and stand stronger together.",
    ),
    (
        "context",
        "Contextgericht werken",
        "Travail professionnel avec l'entourage",
        "Context-oriented professional work",
        "Een hulpverlener (OCMW, CAW) die samen met jou en je omgeving werkt.",
        "Un travailleur social (CPAS, CAW) qui travaille avec vous et votre entourage.",
        "A social worker (OCMW, CAW) who works with you and the people around you.",
    ),
    (
        "volunteering",
        "Vrijwilligerswerkingen via organisatie",
        "Bénévolat via une organisation",
        "Volunteering via organisations",
        "Als vrijwilliger meehelpen, bijvoorbeeld in een sociaal restaurant of repaircafé.",
        "Aider comme bénévole, par exemple dans un restaurant social ou un repair café.",
        "Help out as a volunteer, for example in a social restaurant or repair café.",
    ),
    (
        "community",
        "Regiogerichte organisaties",
        "Travail de quartier",
        "Community building / neighbourhood work",
        "Samen met buren iets doen in je wijk, zoals in het buurthuis of op een straatfeest.",
        "Faire quelque chose avec les voisins dans votre quartier, comme à la maison de quartier.",
        "Do something with neighbours in your area, "
        "such as at the community centre or a street party.",
    ),
]


# What residents read first: a few everyday words for each model, taken from its plain
# description above (what you do or get there), in nl, fr and en. The research's name
# follows in smaller type; professionals and the dashboard keep using it.
PLAIN_LABELS = {
    "competence": ("Iets bijleren", "Apprendre quelque chose", "Learn something"),
    "buddy": ("Een vaste vrijwilliger", "Un bénévole attitré", "A volunteer of your own"),
    "own_network": (
        "Steun van je eigen mensen",
        "Le soutien de vos proches",
        "Support from your own people",
    ),
    "peer": (
        "Mensen die hetzelfde meemaken",
        "Des gens qui vivent la même chose",
        "People going through the same",
    ),
    "context": (
        "Hulp voor jou en je omgeving",
        "De l'aide pour vous et votre entourage",
        "Help for you and those around you",
    ),
    "volunteering": ("Zelf vrijwilliger worden", "Devenir bénévole", "Become a volunteer"),
    "community": (
        "Samen iets doen in de buurt",
        "Agir ensemble dans le quartier",
        "Do things together in your area",
    ),
}


def work_models_ensure(model=None) -> None:
    """Create or correct the seven work models (the data migrations, and tests that flush).
    The plain labels are written once the model has them (migration 0008 onwards)."""
    if model is None:
        from .models import WorkModel as model
    has_labels = any(field.name == "label_nl" for field in model._meta.get_fields())
    for position, (code, nl, fr, en, d_nl, d_fr, d_en) in enumerate(WORK_MODELS):
        defaults = {
            "position": position,
            "name_nl": nl,
            "name_fr": fr,
            "name_en": en,
            "description_nl": d_nl,
            "description_fr": d_fr,
            "description_en": d_en,
        }
        if has_labels:
            label_nl, label_fr, label_en = PLAIN_LABELS[code]
            defaults |= {"label_nl": label_nl, "label_fr": label_fr, "label_en": label_en}
        model.objects.update_or_create(code=code, defaults=defaults)
