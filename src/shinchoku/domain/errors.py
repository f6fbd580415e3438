"""Exceptions raised by the domain core, with messages a city's staff can act on."""


class DomainError(ValueError):
    """Base class: a value that the rules cannot accept. The message is Japanese."""


class NumberFormatError(DomainError):
    """Text that is not a number the city writes (e.g. 「５,６２１戸」 is; 「約５千」 is not)."""


class FiscalYearError(DomainError):
    """Text or a year that is not a fiscal year we can label (令和3年度, 2021年度…)."""


class GradeError(DomainError):
    """A grade that the plan's scale does not know, or a rule of the scale broken."""
