"""Short codes for printed links: derived from the id, read leniently, checked."""

import pytest

from events.short_codes import ALPHABET, short_code, short_code_id


@pytest.mark.parametrize("pk", [1, 2, 31, 32, 123, 1023, 32767, 32768, 10**6, 2**40])
def test_every_code_reads_back_to_its_id(pk):
    code = short_code(pk)
    assert short_code_id(code) == pk
    assert short_code_id(code.lower()) == pk
    assert short_code_id(f" {code[:2]}-{code[2:]} ") == pk


def test_codes_are_short_and_use_no_look_alike_letters():
    assert len(short_code(1)) == 4 and len(short_code(32767)) == 4
    assert len(short_code(10**6)) == 5
    codes = {short_code(pk) for pk in range(1, 5000)}
    assert len(codes) == 4999
    assert not {"I", "L", "O", "U"} & set("".join(codes))


def test_o_i_and_l_are_read_as_digits():
    code = short_code(32)  # 0103
    assert code.startswith("010")
    assert short_code_id("o1o" + code[3:]) == 32
    assert short_code_id("0l0" + code[3:]) == 32


def test_a_code_read_wrong_is_no_code_at_all():
    code = short_code(123)
    for position in range(len(code)):
        for other in ALPHABET:
            if other != code[position]:
                wrong = code[:position] + other + code[position + 1 :]
                assert short_code_id(wrong) is None, wrong
    for nonsense in ("", "0", "??", "U000", "0" * 20):
        assert short_code_id(nonsense) is None


def test_only_positive_ids_have_a_code():
    with pytest.raises(ValueError):
        short_code(0)
