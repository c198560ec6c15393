"""Chinese first: the page language is the signed-in person's own (``User.language``, chosen on the profile
page or with the header's switch), else the one picked with the header's switch (the cookie), else Chinese."""

import os

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import trans_real


def _supported(code: str | None) -> str | None:
    try:
        return translation.get_supported_language_variant(code) if code else None
    except LookupError:
        return None


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` without the browser's ``Accept-Language``: an office workstation with
    an English browser still shows Chinese until its user picks English. A signed-in person's stored
    language wins over the cookie, so it follows them to another workstation. Goes after
    ``AuthenticationMiddleware`` (``request.user``); reads the user's attribute without importing accounts,
    and an anonymous request without a session makes no query."""

    def process_request(self, request):
        user = getattr(request, "user", None)
        stored = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        language = (
            _supported(stored)
            or _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
            or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


CLI_LANGUAGE_ENV = "TAIZHANG_LANGUAGE"  # an operator's choice for the commands: "en", else Chinese


def cli_language() -> str:
    """The language of the commands: ``TAIZHANG_LANGUAGE`` when it names a supported one, else Chinese."""
    wanted = os.environ.get(CLI_LANGUAGE_ENV, "")
    return "en" if wanted.split("-")[0].lower() == "en" else "zh-hans"


def in_language(zh: str, en: str) -> str:
    """A sentence the code writes in both languages, in the active one only: English when the reader's
    language is English, Chinese otherwise (the default). Called when the sentence is made — in a request
    (the page's language) or a command (``cli_language``). Where no language was activated — before
    Django's settings are loaded (the plain ``taizhang parse``), a command, a thread of one — the
    command's language."""
    if not settings.configured or getattr(trans_real._active, "value", None) is None:
        language = cli_language()
    else:
        language = translation.get_language() or settings.LANGUAGE_CODE
    return en if language.split("-")[0] == "en" else zh


said = in_language  # the short name the call sites use: said("中文。", "English.")
said_lazy = lazy(in_language, str)  # for a module constant: chooses each time it is shown


def both(zh: str, en: str) -> str:
    """ "中文 / English": the API's messages, which keep both languages for any caller."""
    return f"{zh} / {en}"


def said_of_both(text: str) -> str:
    """The reader's half of a "中文 / English" message (``both``): the parser, which imports no Django,
    words its warnings in both languages, and a page shows one."""
    zh, separator, en = text.partition(" / ")
    return said(zh, en) if separator else text
