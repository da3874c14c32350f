"""Read the forms of a page as a browser would, so tests can fill and send every one."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEXT_TYPES = {"text", "email", "search", "url", "tel", "password", ""}


@dataclass
class Form:
    action: str
    method: str
    texts: list[str] = field(default_factory=list)
    fixed: dict[str, list[str]] = field(default_factory=dict)
    choices: set[str] = field(default_factory=set)  # selects, checkboxes and radio buttons

    def filled(self, value: str) -> dict[str, list[str]]:
        """Every free-text field set to `value`; the rest as the page set them."""
        data = {name: list(values) for name, values in self.fixed.items()}
        for name in self.texts:
            data[name] = [value]
        return data

    def chosen(self, value: str) -> dict[str, list[str]]:
        """Every choice field set to `value`, which none of them offers; the rest as the
        page set them (text fields empty)."""
        data = {name: list(values) for name, values in self.fixed.items()}
        for name in self.choices:
            data[name] = [value]
        return data


class FormReader(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.select: str | None = None
        self.select_first: str | None = None
        self.select_chosen = False

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = attributes.get("action") or self.page_url
            self.forms.append(Form(action, attributes.get("method", "get").lower()))
        elif not self.forms or "name" not in attributes:
            return
        elif tag == "input":
            self.read_input(self.forms[-1], attributes)
        elif tag == "textarea":
            self.forms[-1].texts.append(attributes["name"])
        elif tag == "select":
            self.select, self.select_first, self.select_chosen = attributes["name"], None, False
            self.forms[-1].choices.add(attributes["name"])
        if tag == "option" and self.select is not None:
            self.read_option(attributes)

    def read_input(self, form: Form, attributes: dict) -> None:
        kind = attributes.get("type", "").lower()
        name = attributes["name"]
        if kind in TEXT_TYPES:
            form.texts.append(name)
        elif kind in ("checkbox", "radio"):
            form.choices.add(name)
            if "checked" in attributes:
                form.fixed.setdefault(name, []).append(attributes.get("value", "on"))
        elif kind not in ("file", "submit", "button", "image", "reset"):
            form.fixed.setdefault(name, []).append(attributes.get("value", ""))

    def read_option(self, attributes: dict) -> None:
        value = attributes.get("value", "")
        form = self.forms[-1]
        if self.select_first is None:
            self.select_first = value
            form.fixed[self.select] = [value]
        if "selected" in attributes and not self.select_chosen:
            self.select_chosen = True
            form.fixed[self.select] = [value]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def forms_of(page_url: str, html: str) -> list[Form]:
    reader = FormReader(page_url)
    reader.feed(html)
    return reader.forms
