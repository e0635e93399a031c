"""The app's script (Streamlit's AppTest) where its answer depends on Chromium being installed."""

from __future__ import annotations

from ..unit.test_app import start


def test_why_the_png_export_is_off_is_said_in_the_readers_language(chromium: str) -> None:
    app = start(lang="ru", sector="health")  # the one health site has no place on the map
    assert not app.exception
    captions = [caption.value for caption in app.caption]
    assert "Экспорт PNG выключен: ни у одного из этих мест нет точки на карте" in captions, captions
