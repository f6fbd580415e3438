"""JIS X 0402 local government codes and their check digit."""

import pytest

from shinchoku.domain.codes import check_digit, is_valid_code


@pytest.mark.parametrize(
    "code",
    [
        "111007",
        "131016",
        "011002",
        "271004",
        "472018",
        "110001",
    ],  # さいたま市, 千代田区, 札幌市, 大阪市, 那覇市, 埼玉県
)
def test_real_codes_are_valid(code: str) -> None:
    assert is_valid_code(code)


@pytest.mark.parametrize("code", ["111008", "11100", "1110077", "１１１００７", "abcdef", ""])
def test_wrong_codes_are_refused(code: str) -> None:
    assert not is_valid_code(code)


def test_check_digit_of_saitama() -> None:
    assert check_digit("11100") == 7
