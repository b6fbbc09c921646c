"""The framework floor: the least a Django site can do per request. One view,
Django's default security, common, CSRF and clickjacking middleware, no
database, no sessions, no templates; served by the same gunicorn settings as
the site, so a page's ratio to it is what the site itself costs."""
