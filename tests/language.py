"""What a reader of one language sees (issue 13 item 9): a message in Chinese only, or in English only."""

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_SENTENCE = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+")  # three words: a sentence, not a file or code name


def chinese_only(text: str) -> bool:
    return bool(_CJK.search(text)) and " / " not in text and not _ENGLISH_SENTENCE.search(text)


def english_only(text: str) -> bool:
    return not _CJK.search(text) and bool(_ENGLISH_SENTENCE.search(text))
