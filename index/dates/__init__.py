"""Dates in articles and questions, resolved to calendar ranges.

Dense embeddings cannot tell "May 27" from "July 27", so dates are handled symbolically: articles'
date mentions are resolved against the publication day (`find_dates`), a question's date becomes a
`DateConstraint` (`parse_question_date`) that passages are checked against. Both share one grammar
(`grammar`, compiled in `patterns`, with the month and weekday names of `corpus.date_words`);
`calendar` does the arithmetic and `resolve` places expressions in time. Everything here is pure:
"now" is always a parameter.
"""

from index.dates.resolve import DateConstraint, find_dates, parse_question_date, strip_date

__all__ = ["DateConstraint", "find_dates", "parse_question_date", "strip_date"]
