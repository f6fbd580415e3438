"""Local government codes (全国地方公共団体コード, JIS X 0402)."""

WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(code5: str) -> int:
    """Return the check digit of a five-digit code: 11100 (さいたま市) → 7."""
    if len(code5) != 5 or not code5.isascii() or not code5.isdigit():
        raise ValueError(f"「{code5}」は5桁の団体コードではありません。")
    remainder = sum(int(d) * w for d, w in zip(code5, WEIGHTS, strict=True)) % 11
    return (11 - remainder) % 10


def is_valid_code(code: str) -> bool:
    """Return whether code is six digits whose last one is the check digit (111007)."""
    return len(code) == 6 and code.isascii() and code.isdigit() and check_digit(code[:5]) == int(code[5])
