import shutil
import subprocess

import pytest
from django.test import override_settings

WELSH_PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: cy\n"

msgid "Equality and diversity"
msgstr "Cydraddoldeb ac amrywiaeth"
"""


def _reload_live_server_middleware(request):
    """The live server builds its middleware chain once, when it starts; the
    test client builds one per client. Rebuild the live server's so a changed
    MIDDLEWARE reaches the browser too."""
    if "live_server" not in request.fixturenames:
        return
    handler = request.getfixturevalue("live_server").thread.httpd.get_app()
    while hasattr(handler, "application"):  # static and media files wrappers
        handler = handler.application
    handler.load_middleware()


@pytest.fixture
def welsh(request, tmp_path, settings):
    """A compiled Welsh catalogue with one translation, as a force in Wales would add."""
    if shutil.which("msgfmt") is None:
        pytest.fail("gettext's msgfmt is needed: apt-get install -y gettext")
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(WELSH_PO)
    subprocess.run(["msgfmt", "-o", folder / "django.mo", folder / "django.po"], check=True)
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
    # As settings.py does when a second language has a catalogue.
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware") + 1, settings.LOCALE_MIDDLEWARE
    )
    with override_settings(MIDDLEWARE=middleware):
        _reload_live_server_middleware(request)
        yield
    _reload_live_server_middleware(request)
