"""How the register spells a regulation's title, for every place that takes one (key regulations, the plan
import's 《…》 titles, the catalogue, the register's own forms)."""


def clean_title(title: str) -> str:
    """A regulation's title as the register keeps it: trimmed, without the 《》 around it."""
    return title.strip().removeprefix("《").removesuffix("》").strip()
