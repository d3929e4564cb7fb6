"""Legacy encodings, letter for letter: every vowel (a ă â e ê i o ô ơ u ư y) with every tone
(none, huyền, sắc, hỏi, ngã, nặng) in both cases, and đ/Đ, in TCVN3 and in VNI.

The legacy byte strings are built here from the published code charts (TCVN 5712:1993 VN3 for
the .VnTime fonts; the VNI-Windows layout of the VNI-Times fonts, as keyboard drivers such as
xvnkb tabulate it), not from the converter's own tables, and the expected letter is composed
with unicodedata from its base letter and combining tone mark. Then a wrong or missing entry
in any table shows up as the letter it breaks.
"""

from __future__ import annotations

import unicodedata

import pytest

from builder.importers import encodings

VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng
TONE_NAMES = ("không dấu", "huyền", "sắc", "hỏi", "ngã", "nặng")

# TCVN3 (VN3): one byte per lower-case letter, in the order of TONES. Capitals are the same
# bytes drawn by a ".VnTimeH" font; the base capitals Ă Â Ê Ô Ơ Ư Đ also have codes of their own.
TCVN3_BYTES = {
    "a": (0x61, 0xB5, 0xB8, 0xB6, 0xB7, 0xB9),
    "ă": (0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB),
    "e": (0x65, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6),
    "i": (0x69, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE),
    "o": (0x6F, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE),
    "u": (0x75, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9),
    "y": (0x79, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE),
}
TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}
TCVN3_D = 0xAE

# VNI: ASCII base letter + mark byte(s); (lower, upper) byte for each mark, in the order of TONES.
VNI_TONE = ((None, None), (0xF8, 0xD8), (0xF9, 0xD9), (0xFB, 0xDB), (0xF5, 0xD5), (0xEF, 0xCF))
VNI_CIRCUMFLEX = ((0xE2, 0xC2), (0xE0, 0xC0), (0xE1, 0xC1), (0xE5, 0xC5), (0xE3, 0xC3), (0xE4, 0xC4))
VNI_BREVE = ((0xEA, 0xCA), (0xE8, 0xC8), (0xE9, 0xC9), (0xFA, 0xDA), (0xFC, 0xDC), (0xEB, 0xCB))
VNI_HORN = {"ơ": (0xF4, 0xD4), "ư": (0xF6, 0xD6)}  # one byte for the letter, then the tone
VNI_I = {1: (0xEC, 0xCC), 2: (0xED, 0xCD), 3: (0xE6, 0xC6), 4: (0xF3, 0xD3), 5: (0xF2, 0xD2)}  # ì í ỉ ĩ ị
VNI_Y_DOT = (0xEE, 0xCE)  # ỵ Ỵ
VNI_D = (0xF1, 0xD1)


def letter(vowel: str, tone: int, upper: bool) -> str:
    text = unicodedata.normalize("NFC", vowel + TONES[tone])
    return text.upper() if upper else text


def legacy(codes: list[int]) -> str:
    """Legacy bytes as Word and text files surface them: through Windows-1252."""
    return bytes(codes).decode("cp1252")


def tcvn3_codes(vowel: str, tone: int) -> list[int]:
    return [TCVN3_BYTES[vowel][tone]]


def vni_codes(vowel: str, tone: int, upper: bool) -> list[int]:
    case = 1 if upper else 0
    base = ord(unicodedata.normalize("NFD", vowel)[0].upper() if upper else unicodedata.normalize("NFD", vowel)[0])
    if vowel == "i" and tone:
        return [VNI_I[tone][case]]
    if vowel == "y" and tone == 5:
        return [VNI_Y_DOT[case]]
    if vowel in ("â", "ê", "ô"):
        return [base, VNI_CIRCUMFLEX[tone][case]]
    if vowel == "ă":
        return [base, VNI_BREVE[tone][case]]
    if vowel in VNI_HORN:
        codes = [VNI_HORN[vowel][case]]
    else:
        codes = [base]
    return codes + ([VNI_TONE[tone][case]] if tone else [])


CASES = [(v, t, u) for v in VOWELS for t in range(6) for u in (False, True)]


def _id(case) -> str:
    vowel, tone, upper = case
    return f"{letter(vowel, tone, upper)}-{TONE_NAMES[tone]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_tcvn3_every_letter(case):
    vowel, tone, upper = case
    # Capitals come from a capitals font (.VnTimeH): the run is converted with upper=True.
    text = legacy(tcvn3_codes(vowel, tone))
    assert encodings.convert(text, encodings.TCVN3, upper=upper) == letter(vowel, tone, upper)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_vni_every_letter(case):
    vowel, tone, upper = case
    assert encodings.convert(legacy(vni_codes(*case)), encodings.VNI) == letter(vowel, tone, upper)


def test_d_in_both_encodings_and_both_cases():
    assert encodings.convert(legacy([TCVN3_D]), encodings.TCVN3) == "đ"
    assert encodings.convert(legacy([TCVN3_D]), encodings.TCVN3, upper=True) == "Đ"
    assert encodings.convert(legacy([VNI_D[0]]), encodings.VNI) == "đ"
    assert encodings.convert(legacy([VNI_D[1]]), encodings.VNI) == "Đ"


@pytest.mark.parametrize("capital", sorted(TCVN3_CAPITALS))
def test_tcvn3_capital_codes_in_the_ordinary_font(capital):
    assert encodings.convert(legacy([TCVN3_CAPITALS[capital]]), encodings.TCVN3) == capital


def test_the_vni_gaps_of_the_library_are_filled():
    """viparse leaves out VNI ẳ/Ẳ on purpose and guesses ỵ; "đẳng" and "Mỵ" must convert."""
    assert encodings.convert(legacy([0xF1, 0x61, 0xFA, 0x6E, 0x67]), encodings.VNI) == "đẳng"
    assert encodings.convert(legacy([0x42, 0xD1, 0x41, 0xDA, 0x4E, 0x47]), encodings.VNI) == "BĐẲNG"
    assert encodings.convert(legacy([0x4D, 0xEE]), encodings.VNI) == "Mỵ"


SENTENCE = "Bình đẳng giới: Hội Liên hiệp Phụ nữ tỉnh Quảng Trị tổ chức hội nghị tổng kết công tác năm 2020."


def encode_tcvn3(text: str) -> bytes:
    reverse = {
        unicodedata.normalize("NFC", v + TONES[t]): code
        for v, codes in TCVN3_BYTES.items()
        for t, code in enumerate(codes)
    }
    reverse.update({"đ": TCVN3_D, **{c: code for c, code in TCVN3_CAPITALS.items()}})
    return bytes(reverse.get(char, ord(char)) for char in text)


def encode_vni(text: str) -> bytes:
    codes = {letter(*case): vni_codes(*case) for case in CASES}
    codes.update({"đ": [VNI_D[0]], "Đ": [VNI_D[1]]})
    return bytes(code for char in text for code in codes.get(char, [ord(char)]))


def test_a_sentence_in_each_encoding_is_detected_and_converted():
    tcvn3 = encode_tcvn3(
        "Hội Liên hiệp Phụ nữ tỉnh Quảng Trị tổ chức hội nghị tổng kết công tác năm 2020, "
        "bình đẳng giới và phòng chống bạo lực gia đình ở các xã biên giới."
    )
    text, encoding = encodings.decode_bytes(tcvn3)
    assert encoding == encodings.TCVN3 and text.startswith("Hội Liên hiệp Phụ nữ tỉnh Quảng Trị")
    vni = encode_vni(SENTENCE)
    text, encoding = encodings.decode_bytes(vni)
    assert (text, encoding) == (SENTENCE, encodings.VNI)


def test_unicode_and_other_languages_are_left_alone():
    for text in (SENTENCE, "Café à Paris, señor, el niño está en la montaña.", "Straße, Größe, schön."):
        assert encodings.decode_bytes(text.encode("utf-8")) == (text, None)


def test_tcvn3_headings_without_font_information_get_their_capitals_back():
    heading = encode_tcvn3("kế hoạch").replace(b"k", b"K").replace(b"ho", b"HO").replace(b"ch", b"CH")
    assert encodings.restore_capitals(encodings.convert(legacy(list(heading)), encodings.TCVN3)) == "KẾ HOẠCH"
    number = legacy(list(encode_tcvn3("Số: 206/KH-BTV")))
    assert encodings.restore_capitals(encodings.convert(number, encodings.TCVN3)) == "Số: 206/KH-BTV"


@pytest.mark.parametrize(
    "font, encoding, capitals",
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        (".VnArial NarrowH", "tcvn3", True),
        ("VNI-Times", "vni", False),
        ("VNI-Helve", "vni", False),
        ("Times New Roman", None, False),
        (None, None, False),
    ],
)
def test_fonts_name_their_encoding(font, encoding, capitals):
    assert encodings.encoding_of_font(font) == encoding
    assert encodings.is_capitals_font(font) is capitals
