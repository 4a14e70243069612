"""The SemEval-2023 Task 3 label scheme (Piskorski et al.): 23 persuasion techniques in 6
categories, 14 frames, 3 genres. Label strings are exactly those of the task's files."""

from __future__ import annotations

CATEGORIES: dict[str, tuple[str, ...]] = {
    "Attack_on_Reputation": (
        "Name_Calling-Labeling",
        "Guilt_by_Association",
        "Doubt",
        "Appeal_to_Hypocrisy",
        "Questioning_the_Reputation",
    ),
    "Justification": (
        "Flag_Waving",
        "Appeal_to_Authority",
        "Appeal_to_Popularity",
        "Appeal_to_Values",
        "Appeal_to_Fear-Prejudice",
    ),
    "Simplification": (
        "Causal_Oversimplification",
        "False_Dilemma-No_Choice",
        "Consequential_Oversimplification",
    ),
    "Distraction": ("Straw_Man", "Red_Herring", "Whataboutism"),
    "Call": ("Slogans", "Conversation_Killer", "Appeal_to_Time"),
    "Manipulative_Wording": (
        "Loaded_Language",
        "Obfuscation-Vagueness-Confusion",
        "Exaggeration-Minimisation",
        "Repetition",
    ),
}

TECHNIQUES: tuple[str, ...] = tuple(t for group in CATEGORIES.values() for t in group)
CATEGORY_OF: dict[str, str] = {t: c for c, group in CATEGORIES.items() for t in group}

FRAMES: tuple[str, ...] = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)

GENRES: tuple[str, ...] = ("opinion", "reporting", "satire")

assert len(TECHNIQUES) == 23 and len(FRAMES) == 14
