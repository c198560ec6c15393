"""双因素认证 (等保 level 3 身份鉴别 d: two or more factors): after the password, a code from a second factor.

- ``factors``: the verifier interface and the configured verifiers (``TAIZHANG_SECOND_FACTORS``); who must
  use one (``TAIZHANG_2FA_REQUIRED_ROLES``).
- ``totp``: the built-in verifier, TOTP (RFC 6238) with its secret sealed by SM4-GCM; ``recovery``: the ten
  one-time recovery codes.
- ``services``: enrol, disable, regenerate the recovery codes, reset by the security administrator, and the
  sign-in's second step (counted by the lockout and the throttle of ``signin_guard``).
- ``pending``: the half-signed-in session between the password and the code (not authenticated);
  ``middleware``: a person who must use a second factor and has none reaches only the enrolment page.
"""
