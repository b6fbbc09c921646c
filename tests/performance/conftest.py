import shutil

import pytest

from performance.loading import DATA_DIR, load_report_dir

REPORT_DIR = DATA_DIR / "local-visible-accessible-2019"


@pytest.fixture
def figures(db):
    """The demo force and its deep-dive report, loaded the way load_demo does."""
    from force import demo as site_demo
    from performance import demo

    site_demo.load(force="essex")
    demo.load(force="essex")


@pytest.fixture
def report_copy(tmp_path):
    """A copy of the report folder that a test may break."""
    folder = tmp_path / "report"
    shutil.copytree(REPORT_DIR, folder)
    return folder


@pytest.fixture
def load():
    return load_report_dir
