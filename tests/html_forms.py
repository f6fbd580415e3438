"""What a browser would send for a page's form: used by the tests and by the load test (no Django here)."""

from html.parser import HTMLParser


def form_values(page: str, matching: str) -> dict[str, object]:
    """Return what a browser would send for the page's form: the first whose tag holds `matching` (e.g. "class=card").

    Text inputs, hidden inputs, checked boxes and radios, selected options and text areas, as
    a dict ready for the test client (lists for names that repeat).
    """

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.values: dict[str, list[str]] = {}
            self.inside = self.done = False
            self.select: str | None = None
            self.textarea: str | None = None

        def add(self, name: str | None, value: str) -> None:
            if name:
                self.values.setdefault(name, []).append(value)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k: v or "" for k, v in attrs}
            if tag == "form" and not self.done and matching in " ".join(f"{k}={v}" for k, v in a.items()):
                self.inside = True
            if not self.inside:
                return
            if tag == "input" and a.get("type") not in ("submit", "button", "file"):
                if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                    return
                self.add(a.get("name"), a.get("value", "on" if a.get("type") == "checkbox" else ""))
            elif tag == "select":
                self.select = a.get("name")
            elif tag == "option" and self.select and "selected" in a:
                self.add(self.select, a.get("value", ""))
            elif tag == "textarea":
                self.textarea = a.get("name")
                self.add(self.textarea, "")

        def handle_data(self, data: str) -> None:
            if self.inside and self.textarea:
                self.values[self.textarea][-1] += data

        def handle_endtag(self, tag: str) -> None:
            if tag == "form" and self.inside:
                self.inside, self.done = False, True
            elif tag == "select":
                self.select = None
            elif tag == "textarea" and self.textarea:
                value = self.values[self.textarea][-1]
                self.values[self.textarea][-1] = value[1:] if value.startswith("\n") else value
                self.textarea = None

    reader = Reader()
    reader.feed(page)
    return {k: v[0] if len(v) == 1 else v for k, v in reader.values.items()}
