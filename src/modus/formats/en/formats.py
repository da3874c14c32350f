"""English dates as Modus writes them: "26 September 2022" rather than Django's US "Sept. 26,
2022". Czech uses Django's own formats ("26. září 2022")."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
