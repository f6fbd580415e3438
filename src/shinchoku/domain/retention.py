"""How long a closed case record is kept, counted as Japanese public records are.

A city keeps its records under its 文書管理規程, which counts a retention period from the
1st April after the fiscal year in which the file was completed (起算日, as in 公文書管理法施行令
第8条): a file closed on 10 June 2023 (FY2023) with 5 years is kept from 1 April 2024 to
31 March 2029 and may be destroyed from 1 April 2029.
"""

import datetime

from shinchoku.domain.fiscal import fiscal_year_of

# The shortest time a closed case is kept. Five years because a city's 文書管理規程 files individual
# support records (個別支援・相談の記録) under the 5-year class, and because re-offending is followed
# over five years (再犯防止推進白書: 出所後5年以内の再入率): a young person referred again within that
# time must find the earlier record. A supervisor may keep a case longer, never shorter.
MINIMUM_RETENTION_YEARS = 5


def earliest_retain_until(closed_on: datetime.date, years: int = MINIMUM_RETENTION_YEARS) -> datetime.date:
    """Return the last day a case closed on that day must be kept: 31 March, `years` fiscal years after it."""
    return datetime.date(fiscal_year_of(closed_on) + 1 + years, 3, 31)
