"""Czech dates as Modus writes them: the named formats of src/modus/formats/en/formats.py,
in Czech ("po 26. 9. 14:40", "26. 9. 2022 9:00"). Django's own Czech formats (DATE_FORMAT
"26. září 2022" and the others) stay as Django writes them."""

# The first day of a span within one month: "26." of "26.–27. září 2022".
RANGE_DAY_FORMAT = "j."
# The first day of a span within one year: "30. září" of "30. září – 1. října 2022".
RANGE_DAY_MONTH_FORMAT = "j. E"
# A time of day: "9:00".
CLOCK_FORMAT = "G:i"
# "26. 9.", as a day to choose.
DAY_MONTH_FORMAT = "j. n."
# "26. 9. 14:40".
DAY_MONTH_TIME_FORMAT = "j. n. G:i"
# "26. 9. 14:40:05".
DAY_MONTH_TIME_SECONDS_FORMAT = "j. n. G:i:s"
# "26. 9. 2022 9:00".
DAY_MONTH_YEAR_TIME_FORMAT = "j. n. Y G:i"
# "26. září 14:40" (E: the month in the genitive).
DAY_MONTH_NAME_TIME_FORMAT = "j. E G:i"
# "po 14:40".
WEEKDAY_TIME_FORMAT = "D G:i"
# "po 26. 9. 14:40".
SHORT_DAY_TIME_FORMAT = "D j. n. G:i"
# "po 26. 9. 2022".
SHORT_DAY_DATE_FORMAT = "D j. n. Y"
# "po 26. 9. 2022 9:30".
SHORT_DAY_DATETIME_FORMAT = "D j. n. Y G:i"
# "pondělí 26. 9.", a day's heading.
LONG_DAY_MONTH_FORMAT = "l j. n."
# "pondělí 26. 9. 2022", a day's heading.
LONG_DAY_DATE_FORMAT = "l j. n. Y"
# "pondělí 26. 9. 2022 9:00".
LONG_DAY_DATETIME_FORMAT = "l j. n. Y G:i"
