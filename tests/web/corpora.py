"""The hostile corpus of the corpus page tests: outlet names, claims and article ids that would
run or inject something if they ever reached a page as markup."""

from __future__ import annotations

HOSTILE_OUTLET = "<img src=x onerror=alert(1)>"
HOSTILE_MARKUP = "<script>alert('claim')</script>"
HOSTILE_ARTICLE = "hos-<i>1</i>"
# Our own words: one outlet hedges what another states, the claim carrying markup.
HOSTILE_ARTICLES = [
    {
        "id": HOSTILE_ARTICLE,
        "source": HOSTILE_OUTLET,
        "published": "2024-05-14",
        "title": "Le pont de la Rance fermé ?",
        "text": f"Le pont de la Rance aurait été fermé mardi {HOSTILE_MARKUP} après un accident, "
        "selon une source policière. L'information n'a pas été confirmée par la préfecture.",
    },
    {
        "id": "tem-001",
        "source": "Le Témoin",
        "published": "2024-05-14",
        "title": "Le pont de la Rance fermé",
        "text": f"Le pont de la Rance a été fermé mardi {HOSTILE_MARKUP} après un accident. "
        "La circulation est déviée par Dinan jusqu'à jeudi.",
    },
    {
        "id": "tem-002",
        "source": "Le Témoin",
        "published": "2024-05-15",
        "title": "Trafic",
        "text": "Le maire de Dinan, Yves Le Goff, a déclaré que la déviation serait levée jeudi. "
        "« Nous faisons au plus vite », a-t-il assuré.",
    },
]
