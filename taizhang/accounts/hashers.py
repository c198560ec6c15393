"""A password hasher for passwords the system generates (initial and one-time passwords).

Argon2 is slow on purpose, to protect what people choose; 2,000 of them would keep an onboarding import busy
for minutes. A generated password is 12 random characters from 56 (about 70 bits), which no guessing
reaches however fast each guess, so PBKDF2 with few rounds is enough for it, as a fast hash is for an API
token. The person must change it at the next sign-in, and Django then stores the new one with Argon2."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class GeneratedPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_generated"
    iterations = 1000
