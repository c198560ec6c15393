"""How the register spells a regulation's title, for every place that takes one (key regulations, the plan
import's 《…》 titles, the catalogue, the register's own forms)."""


def clean_title(title: str) -> str:
    """A regulation's title as the register keeps it: trimmed, without the 《》 around it."""
    return title.strip().removeprefix("《").removesuffix("》").strip()


def title_key(title: str) -> str:
    """What two printings of one title share: no 《》, no spaces."""
    return "".join(clean_title(title).split())
