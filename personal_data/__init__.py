"""Personal-data requests: subject access and erasure across the site
(collector.py, admin.py), encrypted fields (fields.py). Each app joins in with
a `privacy.py` module; this app's own covers Django's admin history."""
