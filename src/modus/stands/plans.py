"""Hall plan images: drawn or photographed, shown under the stand grid to everyone the event
page is shown to, so kept without what the uploaded file tells besides the plan."""

from modus.common.storage import random_name
from modus.directory.photos import normalised_image

# The longest side a plan is kept at, in pixels: enough for a stand's number to stay
# readable when a phone zooms into a large hall.
PLAN_SIDE = 3000


def plan_path(hall, filename: str) -> str:
    """A random name: the uploaded file's name may say more than the plan (a draft's name,
    a client's), and one address tells nothing of another event's."""
    return random_name("halls", filename)


def normalised_plan(uploaded):
    """The plan upright, at most PLAN_SIDE pixels a side, without the camera's metadata
    (a photographed plan may say where and when it was taken); a PNG stays a PNG."""
    return normalised_image(uploaded, PLAN_SIDE, png_stays_png=True)
