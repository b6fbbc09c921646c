"""Logos live in shared storage, so every web machine can serve them.

An S3-compatible server runs on loopback (moto's standalone server); the site
is pointed at it through STORAGES, a logo is uploaded, the local media folder
is emptied (as on another web machine), and the logo is still served."""

import shutil
import subprocess
import sys

import boto3
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import free_port, wait_for_port

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="9" height="9"/></svg>'


@pytest.fixture
def s3_server(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=20)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def bucket_storage(s3_server, settings, monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}.items():
        monkeypatch.setenv(name, value)
    boto3.client("s3", endpoint_url=s3_server, region_name="eu-west-2").create_bucket(
        Bucket="logos", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "logos", "endpoint_url": s3_server, "region_name": "eu-west-2"},
        },
    }
    yield storages["default"]


@pytest.mark.django_db
def test_a_logo_uploaded_on_one_machine_is_served_by_another(
    bucket_storage, s3_server, client, make_network, make_category, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "this-machine"
    network = make_network(logo=SimpleUploadedFile("logo.svg", SVG), logo_alt="Square", category=make_category())
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)  # nothing on this machine's disk
    settings.MEDIA_ROOT = tmp_path / "another-machine"

    listed = boto3.client("s3", endpoint_url=s3_server, region_name="eu-west-2").list_objects_v2(Bucket="logos")
    assert [item["Key"] for item in listed["Contents"]] == [network.logo.name]
    response = client.get(reverse("networks:logo", args=[network.slug]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SVG


def test_the_bucket_is_chosen_by_the_environment(tmp_path):
    """MEDIA_S3_BUCKET switches uploads to the bucket; without it they are local files."""
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "engagement_site.settings"}
    local = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    bucket = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env={**env, "MEDIA_S3_BUCKET": "logos"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert local.stdout.strip() == "django.core.files.storage.FileSystemStorage"
    assert bucket.stdout.strip() == "storages.backends.s3.S3Storage"
