"""The profile photo field: refuses big, huge-in-pixels and non-photo uploads with clear errors,
and keeps a person's photo small and without the camera's metadata."""

import shutil
import warnings
from io import BytesIO
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from modus.common.storage import random_name
from modus.directory.models import PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS

PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
# The longest side a person's photo is kept at, in pixels: pages show it at 48 to 96, and a
# page of fifty people must still load on a phone.
PHOTO_SIDE = 512


class PhotoField(forms.ImageField):
    """An image field that checks bytes, then the header's pixel count, before decoding.

    Pillow reads only the header when it opens a file, so a decompression bomb (a small file
    that decodes to gigabytes) is refused before any pixel is decoded.
    """

    default_error_messages = {
        "too_large": _("The photo is larger than 5 MB."),
        "too_many_pixels": _("The photo has too many pixels: at most 25 megapixels."),
        "wrong_type": _("Use a JPEG, PNG or WebP image."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("JPEG, PNG or WebP, up to 5 MB."))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        if data.size is not None and data.size > PHOTO_MAX_BYTES:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        check_header(data, self.error_messages)
        return super().to_python(data)


def check_header(data, messages: dict) -> None:
    if hasattr(data, "temporary_file_path"):
        source = data.temporary_file_path()
    else:
        source = BytesIO(data.read())
        data.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                kind, (width, height) = image.format, image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(messages["too_many_pixels"], code="too_many_pixels") from error
    except Exception as error:  # whatever Pillow cannot read is not a photo
        raise ValidationError(messages["wrong_type"], code="wrong_type") from error
    if kind not in PHOTO_FORMATS:
        raise ValidationError(messages["wrong_type"], code="wrong_type")
    if width * height > PHOTO_MAX_PIXELS:
        raise ValidationError(messages["too_many_pixels"], code="too_many_pixels")


class SmallPhotoField(PhotoField):
    """A photo of a person (a profile, an award nominee), kept as `normalised_photo` makes it."""

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        return normalised_photo(value) if isinstance(value, UploadedFile) else value


def normalised_photo(uploaded: UploadedFile) -> ContentFile:
    """The photo upright, at most PHOTO_SIDE pixels a side, as a JPEG without the camera's
    metadata: a phone's photo may say where and when it was taken."""
    return normalised_image(uploaded, PHOTO_SIDE)


def normalised_image(uploaded, side: int, *, png_stays_png: bool = False) -> ContentFile:
    """The image upright, at most `side` pixels a side, without the camera's metadata; as a
    JPEG, or as a PNG if it was one and `png_stays_png` (a drawing's lines stay sharp)."""
    uploaded.seek(0)
    with Image.open(uploaded) as image:
        as_png = png_stays_png and image.format == "PNG"
        image.draft("RGB", (side, side))  # JPEG: decode at a fraction of the size
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((side, side))
        rgba = upright.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))  # transparency shows as white
    out = BytesIO()
    if as_png:
        flat.save(out, "PNG", optimize=True)
        return ContentFile(out.getvalue(), name="image.png")
    flat.save(out, "JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name="photo.jpg")


# For migrations that move pictures uploaded as public media behind a view.


def move_files(model, field: str, source: Path, target: Path) -> None:
    """Move the files of `model`'s image `field`, keeping their names (a file not found
    stays put)."""
    for name in model.objects.exclude(**{field: ""}).values_list(field, flat=True).iterator():
        old, new = Path(source) / name, Path(target) / name
        if old.is_file() and not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(old, new)


def normalise_files(model, field: str, root: Path, folder: str, normalise=normalised_photo):
    """Each picture as new uploads are kept by `normalise` (upright, without the camera's
    metadata, such as where it was taken), under a new random name in `folder`; a file
    Pillow cannot read stays."""
    # Read first: the loop writes the rows it would otherwise be reading.
    for pk, name in list(model.objects.exclude(**{field: ""}).values_list("pk", field)):
        old = Path(root) / name
        try:
            with old.open("rb") as picture:
                normalised = normalise(picture)
        except Exception:
            continue
        content = normalised.read()
        fresh = Path(root) / random_name(folder, normalised.name)
        fresh.parent.mkdir(parents=True, exist_ok=True)
        fresh.write_bytes(content)
        model.objects.filter(pk=pk).update(**{field: str(fresh.relative_to(root))})
        old.unlink()
