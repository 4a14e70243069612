"""Literal sentences for the slant tests, written for crible (no third-party text)."""

from __future__ import annotations

# technique -> (sentences where a cue must fire, sentences where it must not)
TECHNIQUE_CASES: dict[str, tuple[list[str], list[str]]] = {
    "Loaded_Language": (
        [
            "Cette décision est totalement scandaleuse pour les familles.",
            "Le maire a qualifié l'agression d'ignoble lors de la conférence.",
        ],
        ["Le conseil municipal a voté le budget de la piscine jeudi."],
    ),
    "Name_Calling-Labeling": (
        [
            "Cette bande d'incapables nous gouverne depuis deux ans.",
            "Les fachos ont encore défilé samedi dans le centre-ville.",
        ],
        ["Les militants ont défilé samedi dans le centre-ville."],
    ),
    "Doubt": (
        [
            "Le prétendu expert n'a jamais publié la moindre étude.",
            "Comme par hasard, le rapport a disparu avant le vote.",
        ],
        ["L'expert a publié une étude sur les sols en mars."],
    ),
    "Exaggeration-Minimisation": (
        [
            "C'est le pire gouvernement de l'histoire de la République.",
            "Selon le ministre, ce n'était qu'un simple incident sans gravité.",
        ],
        ["Le gouvernement a présenté trois mesures pour les agriculteurs."],
    ),
    "Repetition": (
        [
            "Jamais, jamais nous n'accepterons cette réforme.",
            "Nous voulons du travail. Nous voulons du respect. Nous voulons des salaires dignes.",
        ],
        ["Nous nous sommes réunis mardi pour examiner le dossier."],
    ),
    "Appeal_to_Authority": (
        [
            "Tous les experts sont unanimes : cette taxe est inutile.",
            "N'importe quel médecin vous dira que ce traitement est sans danger.",
        ],
        ["Selon l'Insee, le taux de chômage a reculé au deuxième trimestre."],
    ),
    "Appeal_to_Fear-Prejudice": (
        [
            "Si nous ne faisons rien, nos enfants paieront le prix fort.",
            "Cette politique menace la disparition de notre civilisation.",
        ],
        ["Le préfet a demandé aux habitants de limiter leurs déplacements."],
    ),
    "Flag_Waving": (
        [
            "Tout vrai patriote doit soutenir cette loi.",
            "Nous sommes fiers d'être français et nous le resterons.",
        ],
        ["La loi a été adoptée par 312 voix contre 204."],
    ),
    "Slogans": (
        [
            "Dans le cortège, les manifestants scandaient : on ne lâche rien !",
            "Ni oubli ni pardon, répétait la foule devant la mairie.",
        ],
        ["Le cortège a rejoint la place de la mairie vers midi."],
    ),
    "Appeal_to_Time": (
        [
            "Il est grand temps de réformer ce système à bout de souffle.",
            "C'est maintenant ou jamais pour sauver la filière.",
        ],
        ["La réforme entrera en vigueur le 1er janvier prochain."],
    ),
    "Conversation_Killer": (
        [
            "Nous ne reviendrons pas sur cette décision, point final.",
            "Circulez, il n'y a rien à voir dans ce dossier.",
        ],
        ["Le point sur la situation sera fait lundi par la préfecture."],
    ),
    "Whataboutism": (
        [
            "Et que dire des pays qui donnent des leçons sans balayer devant leur porte ?",
            "Pourquoi ne parle-t-on jamais des violences commises par l'autre camp ?",
        ],
        ["Le rapport décrit aussi les violences commises dans la région voisine."],
    ),
    "Appeal_to_Hypocrisy": (
        [
            "Ces donneurs de leçons oublient leurs propres fautes.",
            "Il est bien mal placé pour critiquer les dépenses des autres.",
        ],
        ["Le député a critiqué les dépenses du ministère dans un courrier."],
    ),
    "Questioning_the_Reputation": (
        [
            "Ce ministre au bilan désastreux prétend encore nous conseiller.",
            "Le candidat traîne des casseroles depuis vingt ans.",
        ],
        ["Le ministre a présenté son bilan devant la commission des finances."],
    ),
    "False_Dilemma-No_Choice": (
        [
            "Vous êtes avec nous ou contre nous, il faut choisir.",
            "Il n'y a pas d'alternative à cette réforme des retraites.",
        ],
        ["Les élus ont examiné plusieurs options pour la ligne de tramway."],
    ),
    "Causal_Oversimplification": (
        ["Tout ça, c'est la faute des syndicats.", "Tous nos problèmes viennent de Bruxelles."],
        ["La hausse des prix s'explique par le coût de l'énergie et des transports."],
    ),
    "Consequential_Oversimplification": (
        [
            "Cette loi mènera inévitablement à la fin de la propriété privée.",
            "Légaliser ce produit, c'est la porte ouverte à tous les abus.",
        ],
        ["La loi entrera en vigueur après sa publication au Journal officiel."],
    ),
    "Straw_Man": (
        [
            "Ils veulent nous faire croire que fermer les frontières réglerait tout.",
            "À les entendre, il faudrait interdire la voiture dès demain.",
        ],
        ["Les élus souhaitent limiter la circulation automobile en centre-ville."],
    ),
    "Red_Herring": (
        [
            "Mais la vraie question, c'est pourquoi l'opposition se tait.",
            "Parlons plutôt des dépenses de l'ancienne majorité.",
        ],
        ["La question sera examinée par la commission la semaine prochaine."],
    ),
    "Obfuscation-Vagueness-Confusion": (
        [
            "Certains disent que la réforme est déjà enterrée.",
            "Sur ce dossier, on verra bien ce que décidera le gouvernement.",
        ],
        ["Le gouvernement décidera du calendrier après la consultation."],
    ),
    "Appeal_to_Popularity": (
        [
            "Tout le monde sait que cette réforme est injuste.",
            "Comme chacun sait, les impôts ne baissent jamais.",
        ],
        ["La majorité des Français approuvent la réforme, selon un sondage publié lundi."],
    ),
    "Appeal_to_Values": (
        [
            "Au nom de la liberté, nous refusons ce contrôle.",
            "C'est une question de dignité pour les soignants.",
        ],
        ["Les soignants ont obtenu une hausse de salaire de 5 %."],
    ),
    "Guilt_by_Association": (
        [
            "Ces méthodes sont dignes de la Stasi.",
            "Ce discours nous ramène aux heures les plus sombres de notre histoire.",
        ],
        ["Le musée consacre une exposition à l'histoire de la ville."],
    ),
}

# Lexicon entries across debates: (sentence, flagged text, technique, side)
LEXICON_POSITIVE: list[tuple[str, str, str, str | None]] = [
    # Israel-Gaza
    (
        "Le communiqué dénonce les crimes de l'entité sioniste.",
        "entité sioniste",
        "Name_Calling-Labeling",
        "pro-Palestinian",
    ),
    (
        "Les tirs visaient les sionistes installés près de Sderot.",
        "sionistes",
        "Name_Calling-Labeling",
        "pro-Palestinian",
    ),
    (
        "Des roquettes sont tombées sur Ashkelon, au sud des territoires occupés.",
        "territoires occupés",
        "Loaded_Language",
        "pro-Palestinian",
    ),
    (
        "Le groupe a revendiqué l'opération Déluge d'Al-Aqsa dans un message.",
        "opération Déluge d'Al-Aqsa",
        "Loaded_Language",
        "pro-Palestinian",
    ),
    (
        "Les forces de résistance palestiniennes ont tiré des roquettes.",
        "forces de résistance palestiniennes",
        "Name_Calling-Labeling",
        "pro-Palestinian",
    ),
    (
        "Les manifestants criaient « du fleuve à la mer » devant l'ambassade.",
        "du fleuve à la mer",
        "Slogans",
        "pro-Palestinian",
    ),
    (
        "Le ministre a parlé d'animaux humains après l'attaque.",
        "animaux humains",
        "Name_Calling-Labeling",
        "pro-Israeli",
    ),
    (
        "Les nouveaux logements seront construits en Judée-Samarie.",
        "Judée-Samarie",
        "Loaded_Language",
        "pro-Israeli",
    ),
    (
        "Selon lui, les terroristes palestiniens de Gaza sont tous coupables.",
        "terroristes",
        "Name_Calling-Labeling",
        "pro-Israeli",
    ),
    (
        "Le ministre a évoqué un Hamastan à la frontière.",
        "Hamastan",
        "Name_Calling-Labeling",
        "pro-Israeli",
    ),
    # Russia-Ukraine
    (
        "Le régime de Kiev a reçu de nouvelles armes.",
        "régime de Kiev",
        "Name_Calling-Labeling",
        "pro-Russian",
    ),
    (
        "La junte de Kiev refuse toute négociation.",
        "junte de Kiev",
        "Name_Calling-Labeling",
        "pro-Russian",
    ),
    (
        "L'opération militaire spéciale se poursuit dans le Donbass.",
        "opération militaire spéciale",
        "Exaggeration-Minimisation",
        "pro-Russian",
    ),
    (
        "La télévision russe accuse les néonazis ukrainiens de bombarder Donetsk.",
        "néonazis",
        "Name_Calling-Labeling",
        "pro-Russian",
    ),
    (
        "Moscou présente la guerre comme une dénazification du pays.",
        "dénazification",
        "Loaded_Language",
        "pro-Russian",
    ),
    (
        "Les nouvelles régions russes voteront en septembre.",
        "nouvelles régions russes",
        "Loaded_Language",
        "pro-Russian",
    ),
    (
        "Le Kremlin dénonce l'Occident collectif.",
        "Occident collectif",
        "Loaded_Language",
        "pro-Russian",
    ),
    (
        "Les orcs ont encore bombardé un village ukrainien.",
        "orcs",
        "Name_Calling-Labeling",
        "pro-Ukrainian",
    ),
    ("Les ruscistes ont détruit le pont.", "ruscistes", "Name_Calling-Labeling", "pro-Ukrainian"),
    (
        "Le message visait Poutler et ses généraux.",
        "Poutler",
        "Name_Calling-Labeling",
        "pro-Ukrainian",
    ),
    # domestic politics
    (
        "Il accuse les islamo-gauchistes d'avoir pris l'université.",
        "islamo-gauchistes",
        "Name_Calling-Labeling",
        "right",
    ),
    ("Le tract s'en prend aux fachos du quartier.", "fachos", "Name_Calling-Labeling", "left"),
    (
        "Le député dénonce l'ensauvagement de la société.",
        "ensauvagement",
        "Loaded_Language",
        "right",
    ),
    (
        "Le candidat a repris l'idée du grand remplacement pendant son meeting.",
        "grand remplacement",
        "Loaded_Language",
        "far-right",
    ),
    (
        "La tribune s'en prend au wokisme dans les écoles.",
        "wokisme",
        "Name_Calling-Labeling",
        "right",
    ),
    ("Il veut en finir avec l'assistanat.", "assistanat", "Loaded_Language", "right"),
    ("Des casseurs ont brisé les vitrines.", "casseurs", "Name_Calling-Labeling", "right"),
    ("Ces racailles terrorisent le quartier.", "racailles", "Name_Calling-Labeling", "right"),
    ("Le programme prévoit la remigration.", "remigration", "Loaded_Language", "far-right"),
    ("Les bien-pensants ont encore protesté.", "bien-pensants", "Name_Calling-Labeling", "right"),
    # health
    (
        "Il refuse ce vaccin expérimental pour ses enfants.",
        "vaccin expérimental",
        "Loaded_Language",
        "anti-vaccine",
    ),
    ("La vidéo parle d'une plandémie organisée.", "plandémie", "Loaded_Language", "anti-vaccine"),
    ("Les antivax ont manifesté samedi.", "antivax", "Name_Calling-Labeling", "pro-vaccine"),
    (
        "Il dénonce une dictature sanitaire.",
        "dictature sanitaire",
        "Loaded_Language",
        "anti-vaccine",
    ),
    (
        "Ce n'est qu'une grippette, répète-t-il.",
        "grippette",
        "Exaggeration-Minimisation",
        "anti-vaccine",
    ),
    # migration
    (
        "Le parti dénonce la submersion migratoire.",
        "submersion migratoire",
        "Loaded_Language",
        "anti-immigration",
    ),
    (
        "Il parle d'une invasion de migrants sur les côtes.",
        "invasion",
        "Loaded_Language",
        "anti-immigration",
    ),
    (
        "Les clandestins ont été expulsés par la préfecture.",
        "clandestins",
        "Name_Calling-Labeling",
        "anti-immigration",
    ),
    (
        "Ces régularisations créent un appel d'air pour les migrants.",
        "appel d'air",
        "Loaded_Language",
        "anti-immigration",
    ),
    # climate
    (
        "Le ministre a qualifié les militants d'écoterroristes.",
        "écoterroristes",
        "Name_Calling-Labeling",
        "anti-environmentalist",
    ),
    (
        "Les khmers verts veulent interdire la chasse.",
        "khmers verts",
        "Name_Calling-Labeling",
        "anti-environmentalist",
    ),
    (
        "Ce discours climatosceptique inquiète les chercheurs.",
        "climatosceptique",
        "Name_Calling-Labeling",
        "environmentalist",
    ),
    (
        "Il refuse l'écologie punitive.",
        "écologie punitive",
        "Loaded_Language",
        "anti-environmentalist",
    ),
]

# Sentences where a lexicon term occurs but its context makes it neutral.
LEXICON_NEUTRAL: list[str] = [
    "L'ONU a condamné la colonisation dans les territoires occupés de Cisjordanie.",
    "Les territoires occupés par la Russie dans la région de Zaporijia restent sous tension.",
    "Les colons israéliens ont étendu une implantation près de Naplouse.",
    "Les nazis ont occupé Paris de 1940 à 1944.",
    "Ce que Moscou appelle une opération militaire spéciale a fait des milliers de morts.",
    "Le Hamas a baptisé son attaque « Déluge d'Al-Aqsa ».",
    "L'invasion de l'Ukraine par la Russie a commencé en février 2022.",
    "Les orques ont été observées au large du détroit de Gibraltar.",
    "Le mouvement sioniste est né à la fin du XIXe siècle autour de Theodor Herzl.",
    "L'Afrique du Sud a saisi la Cour internationale de justice en l'accusant de génocide à Gaza.",
    "Le travail clandestin est en hausse dans le bâtiment.",
    "Les forces de résistance ont libéré la ville en 1944.",
]

# Neutral French news paragraphs: no slant at all.
NEUTRAL_PARAGRAPHS: list[str] = [
    "Météo-France annonce des averses orageuses sur le nord-est du pays mercredi. Les "
    "températures baisseront de quatre degrés en moyenne, avant un retour du soleil prévu "
    "pour le week-end.",
    "Le produit intérieur brut a progressé de 0,3 % au troisième trimestre, selon l'Insee. "
    "La consommation des ménages reste stable, tandis que l'investissement des entreprises "
    "recule légèrement.",
    "Le tribunal correctionnel de Lyon a condamné mardi un ancien adjoint au maire à dix-huit "
    "mois de prison avec sursis pour prise illégale d'intérêts. Son avocat a annoncé qu'il "
    "ferait appel.",
    "Dans les territoires occupés de Cisjordanie, l'armée israélienne a mené une opération à "
    "Jénine jeudi. Selon le ministère palestinien de la Santé, trois personnes ont été tuées.",
    "La ville de Rennes ouvrira une nouvelle ligne de bus en septembre. Le conseil "
    "métropolitain a voté un budget de douze millions d'euros pour ce projet.",
]

# Emotive wording (emotive.tsv) and the syntactic cues: (sentence, flagged text, technique,
# a word the `why` must contain).
EMOTIVE_POSITIVE: list[tuple[str, str, str, str]] = [
    ("Ce plan de relance est un fiasco.", "fiasco", "Loaded_Language", "échec"),
    ("La réforme tourne à la mascarade.", "mascarade", "Loaded_Language", "emotive"),
    (
        "Cette décision est profondément injuste pour les retraités.",
        "profondément injuste",
        "Loaded_Language",
        "intensifier « profondément »",
    ),
    (
        "Le projet est complètement délirant, disent ses détracteurs.",
        "complètement délirant",
        "Loaded_Language",
        "intensifier",
    ),
    (
        "Le bilan est une honte absolue.",
        "honte absolue",
        "Loaded_Language",
        "intensifier « absolue »",
    ),
    (
        "C'est le plus consternant de tous les renoncements.",
        "le plus consternant",
        "Loaded_Language",
        "superlative « le plus »",
    ),
    ("Cette clique s'accroche au pouvoir.", "clique", "Name_Calling-Labeling", "pejorative"),
    ("Les fachos défilent encore.", "fachos", "Name_Calling-Labeling", "Name_Calling"),
    ("Le coût du stade est pharaonique.", "pharaonique", "Exaggeration-Minimisation", "coûteux"),
    (
        "Pour le ministre, ce n'est qu'une peccadille.",
        "peccadille",
        "Exaggeration-Minimisation",
        "minimising",
    ),
    ("Le maire redoute une psychose dans le quartier.", "psychose", "Loaded_Language", "fear"),
    ("Ces annonces ne sont que de la poudre aux yeux.", "de la poudre aux yeux", "Doubt", "doubt"),
    ("Le maire a prétendument oublié le dossier.", "prétendument", "Doubt", "doubt"),
    ("Ils ont bafoué le vote des électeurs.", "bafoué", "Loaded_Language", "ne pas respecter"),
    (
        "C'est la crise la plus grave de l'histoire du club.",
        "la plus grave de l'histoire",
        "Exaggeration-Minimisation",
        "superlative",
    ),
    (
        "Selon les experts, la taxe ne sert à rien.",
        "Selon les experts",
        "Appeal_to_Authority",
        "unnamed",
    ),
    (
        "Ces « experts » n'ont jamais mis les pieds dans une usine.",
        "Ces « experts »",
        "Doubt",
        "scare quotes",
    ),
    (
        "Jusqu'à quand allons-nous tolérer ces fermetures ?",
        "Jusqu'à quand allons-nous tolérer ces fermetures ?",
        "Loaded_Language",
        "rhetorical question",
    ),
    (
        "Nos enfants sont en danger dans ces écoles délabrées.",
        "Nos enfants sont en danger",
        "Appeal_to_Fear-Prejudice",
        "fear",
    ),
]

# The same words where they are neutral: no finding of the technique at that word.
# (sentence, word that must not be flagged)
EMOTIVE_NEUTRAL: list[tuple[str, str]] = [
    ("Le procès du massacre de Srebrenica s'est ouvert à La Haye.", "massacre"),
    ("La commune a été reconnue en état de catastrophe naturelle après la crue.", "catastrophe"),
    (
        "Le naufrage d'une embarcation de migrants a fait douze morts au large de la côte.",
        "naufrage",
    ),
    ("Le patient souffre d'une hémorragie interne, selon l'hôpital.", "hémorragie"),
    ("Un séisme de magnitude 6,1 a frappé le sud du pays.", "séisme"),
    ("Les tomates sont cultivées hors-sol dans des serres chauffées.", "hors-sol"),
    ("Ce n'est pas si grave, a estimé le médecin.", "grave"),
    ("Si le train part à l'heure, il arrivera à midi.", "Si"),
    ("Le tribunal a jugé l'escroquerie au faux conseiller bancaire.", "escroquerie"),
    ("Le cancer du sein reste le plus fréquent chez les femmes, selon l'institut.", "cancer"),
    ("Le film Les Misérables a attiré deux millions de spectateurs.", "Misérables"),
    ("Les troupes russes ont lancé l'invasion de l'Ukraine en février 2022.", "invasion"),
    ("Selon les experts de l'Insee, le chômage a baissé.", "Selon les experts"),
    ("Le ministre a présenté « un plan de sobriété » lors de sa conférence.", "« un plan"),
]
