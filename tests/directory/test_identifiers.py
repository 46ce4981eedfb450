"""Identity card numbers and credit codes are checked in one place, with python-stdnum."""

import pathlib

import pytest

from directory.identifiers import id_number_check_character, is_valid_id_number, normalize_id_number

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x", " 11010519491231002X "])
def test_sample_numbers_are_valid_whatever_the_case_and_spaces(number):
    assert is_valid_id_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "110105194912310021",  # wrong check character
        "11010519491331002X",  # month 13
        "11010519491231002",  # 17 characters
        "1101051949123100X2",  # X inside
        "",
    ],
)
def test_wrong_numbers_are_refused(number):
    assert not is_valid_id_number(number)


def test_check_character_matches_the_standard_sample():
    # GB 11643-1999 appendix sample.
    assert id_number_check_character("11010519491231002") == "X"
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"
    with pytest.raises(ValueError):
        id_number_check_character("1101051949123100")


def test_no_other_module_carries_its_own_check_tables():
    """The weights and check alphabets of GB 11643 and GB 32100 live only in python-stdnum."""
    markers = ["10X98765432", "7, 9, 10, 5, 8, 4, 2, 1, 6, 3", "1, 3, 9, 27, 19, 26"]
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/**/*.py")
        if ".venv" not in path.parts and "tests" not in path.parts
        and any(marker in path.read_text("utf-8") for marker in markers)
    ]
    assert offenders == []
