"""人员导入 (onboarding): units and people from an office's 通讯录 (.xlsx), all rows or none, with initial
passwords handed over once. ``sheet`` reads the file, ``service`` checks and writes, ``passwords`` makes and
hands over the initial passwords, ``template`` is the blank 通讯录 offered for download."""

from taizhang.administration.onboarding.service import OnboardingError, OnboardingResult, onboarding_import

__all__ = ["OnboardingError", "OnboardingResult", "onboarding_import"]
