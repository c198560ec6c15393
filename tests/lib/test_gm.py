"""SM3, HMAC-SM3 and SM4 against the standards' own examples, and the envelope's promises: a changed
byte, another place (``aad``) or another key is refused, never decrypted to something else."""

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from taizhang.lib.gm import (
    DecryptError,
    Key,
    envelope_key_id,
    hmac_sm3,
    hmac_sm3_verify,
    sm3,
    sm4_gcm_decrypt,
    sm4_gcm_encrypt,
)

SM4_KEY = bytes.fromhex("0123456789abcdeffedcba9876543210")


def test_sm3_of_abc_is_the_gbt_32905_example_1():
    assert sm3(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_sm3_of_64_bytes_is_the_gbt_32905_example_2():
    assert sm3(b"abcd" * 16) == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def test_sm4_block_is_the_gbt_32907_example_1():
    """The library's SM4 is the standard's: key = plaintext = 0123…3210 → 681edf34…4246."""
    encryptor = Cipher(algorithms.SM4(SM4_KEY), modes.ECB()).encryptor()
    assert (encryptor.update(SM4_KEY) + encryptor.finalize()).hex() == "681edf34d206965e86b3e94f536e4246"


def test_sm4_encrypted_a_million_times_is_the_gbt_32907_example_2():
    encryptor = Cipher(algorithms.SM4(SM4_KEY), modes.ECB()).encryptor()
    block = SM4_KEY
    for _ in range(1_000_000):
        block = encryptor.update(block)
    assert block.hex() == "595298c7c6fd271f0402f804c33d3f66"


def test_sm4_gcm_is_the_rfc_8998_example():
    """The authenticated mode the envelope uses, against RFC 8998 appendix A.1 (SM4-GCM)."""
    nonce = bytes.fromhex("00001234567800000000ABCD")
    aad = bytes.fromhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
    plain = bytes.fromhex("".join(c * 16 for c in "ABCDEFEA"))
    encryptor = Cipher(algorithms.SM4(SM4_KEY), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    sealed = encryptor.update(plain) + encryptor.finalize()
    assert sealed.hex().upper() == (
        "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
        "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
    )
    assert encryptor.tag.hex().upper() == "83DE3541E4C2B58177E065A9BF7B62EC"


def test_hmac_sm3_depends_on_key_and_data_and_verifies_in_constant_time():
    mac = hmac_sm3(b"key", b"score 88.5")
    assert len(mac) == 64
    assert mac != hmac_sm3(b"other key", b"score 88.5")
    assert mac != hmac_sm3(b"key", b"score 99.99")
    assert hmac_sm3_verify(b"key", b"score 88.5", mac.upper())
    assert not hmac_sm3_verify(b"key", b"score 99.99", mac)


KEY = Key("k1", bytes(range(32)))


def test_an_envelope_opens_to_the_plaintext_and_names_its_key():
    text = "举报人：张三，电话 13800000000".encode()
    sealed = sm4_gcm_encrypt(KEY, text, aad=b"complaint.text:7")
    assert text not in sealed
    assert envelope_key_id(sealed) == "k1"
    assert sm4_gcm_decrypt({"k1": KEY}, sealed, aad=b"complaint.text:7") == text


def test_the_same_text_sealed_twice_differs():
    assert sm4_gcm_encrypt(KEY, b"same") != sm4_gcm_encrypt(KEY, b"same")


@pytest.mark.parametrize("position", [3, 4, 6, 10, 20, -1])
def test_a_changed_byte_is_refused(position):
    sealed = bytearray(sm4_gcm_encrypt(KEY, b"the decision of case 12"))
    sealed[position] ^= 0x01
    with pytest.raises(DecryptError):
        sm4_gcm_decrypt({"k1": KEY}, bytes(sealed))


def test_a_value_moved_to_another_row_is_refused():
    sealed = sm4_gcm_encrypt(KEY, b"talk record", aad=b"talk.record:1")
    with pytest.raises(DecryptError):
        sm4_gcm_decrypt({"k1": KEY}, sealed, aad=b"talk.record:2")


def test_another_key_of_the_same_id_or_an_unknown_id_is_refused():
    sealed = sm4_gcm_encrypt(KEY, b"x")
    with pytest.raises(DecryptError):
        sm4_gcm_decrypt({"k1": Key("k1", bytes(32))}, sealed)
    with pytest.raises(DecryptError, match="no key"):
        sm4_gcm_decrypt({"k2": KEY}, sealed)


@pytest.mark.parametrize("junk", [b"", b"TZ1", b"plain text", b"TZ1\x02k1" + bytes(10)])
def test_what_is_not_an_envelope_is_refused(junk):
    with pytest.raises(DecryptError):
        sm4_gcm_decrypt({"k1": KEY}, junk)


def test_encryption_and_mac_keys_differ_and_never_show_in_repr():
    assert KEY.sm4_key != KEY.mac_key[:16] and len(KEY.sm4_key) == 16
    assert bytes(range(32)).hex() not in repr(KEY) and "k1" in repr(KEY)


@pytest.mark.parametrize(("kid", "master"), [("", bytes(32)), ("a b", bytes(32)), ("k1", bytes(16))])
def test_a_bad_key_is_refused(kid, master):
    with pytest.raises(ValueError):
        Key(kid, master)
