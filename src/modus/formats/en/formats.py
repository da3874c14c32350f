"""English dates as Modus writes them: "26 September 2022" rather than Django's US "Sept. 26,
2022", 24-hour times.

Besides Django's own names, the named formats below are what templates and code pass to
`|date`, `|time` and `date_format` (`|date:"SHORT_DAY_TIME_FORMAT"`), so that each language
writes a date its own way: src/modus/formats/cs/formats.py has the same names in Czech.
Only for what people read; files for machines (CSV, iCal, JSON, attributes) keep ISO."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

# The first day of a span within one month: "26" of "26–27 September 2022".
RANGE_DAY_FORMAT = "j"
# The first day of a span within one year: "30 September" of "30 September – 1 October 2022".
RANGE_DAY_MONTH_FORMAT = "j F"
# A time of day: "09:00".
CLOCK_FORMAT = "H:i"
# "26 Sep", as a day to choose.
DAY_MONTH_FORMAT = "j M"
# "26 Sep 14:40".
DAY_MONTH_TIME_FORMAT = "j M H:i"
# "26 Sep 14:40:05".
DAY_MONTH_TIME_SECONDS_FORMAT = "j M H:i:s"
# "26 Sep 2022, 09:00".
DAY_MONTH_YEAR_TIME_FORMAT = "j M Y, H:i"
# "26 September 14:40".
DAY_MONTH_NAME_TIME_FORMAT = "j F H:i"
# "Mon 14:40".
WEEKDAY_TIME_FORMAT = "D H:i"
# "Mon 26 Sep 14:40".
SHORT_DAY_TIME_FORMAT = "D j M H:i"
# "Mon 26 Sep 2022".
SHORT_DAY_DATE_FORMAT = "D j M Y"
# "Mon 26 Sep 2022, 09:30".
SHORT_DAY_DATETIME_FORMAT = "D j M Y, H:i"
# "Monday 26 September", a day's heading.
LONG_DAY_MONTH_FORMAT = "l j F"
# "Monday 26 September 2022", a day's heading.
LONG_DAY_DATE_FORMAT = "l j F Y"
# "Monday 26 September 2022, 09:00".
LONG_DAY_DATETIME_FORMAT = "l j F Y, H:i"
