"""Public pages kept rendered per process (page_cache): each visitor still gets
their own CSRF and one-time form tokens, content edits show within the
generation check, and nothing from a session ever reaches the shared copy.

The one-time form token is a random value drawn per render; a cached page keeps
a placeholder where it goes and every response draws a new one, so no visitor
can learn another's token from the cache (which is what would let them land on
someone else's confirmation)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from page_cache import holes, invalidation
from page_cache.store import BoundedStore, Entry, pages
from site_pages.models import Feedback
from tests.factories import EqualityObjectiveFactory, NetworkFactory, PreparationEveningFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def visitor() -> Client:
    return Client(enforce_csrf_checks=True)


def without_tokens(html: str) -> str:
    return FORM_TOKEN.sub('name="form_token" value=""', CSRF.sub('name="csrfmiddlewaretoken" value=""', html))


def send_feedback(person: Client, html: str):
    """Post the feedback form with the tokens the page `html` carries."""
    return person.post(
        reverse("feedback"),
        {
            "csrfmiddlewaretoken": CSRF.search(html).group(1),
            "form_token": FORM_TOKEN.search(html).group(1),
            "satisfaction": "satisfied",
            "comments": "Clear.",
            "website": "",
        },
    )


def test_a_second_visitor_gets_the_page_from_the_cache_with_their_own_tokens():
    first = visitor().get(reverse("feedback"))
    second = visitor().get(reverse("feedback"))
    third = visitor().get(reverse("feedback"))
    assert (first["X-Page-Cache"], second["X-Page-Cache"], third["X-Page-Cache"]) == ("miss", "hit", "hit")
    pages_html = [response.content.decode() for response in (first, second, third)]
    csrf = [CSRF.findall(html) for html in pages_html]
    tokens = [FORM_TOKEN.findall(html) for html in pages_html]
    assert all(found for found in csrf + tokens)  # the cookie banner's form and the feedback form
    assert len({value for found in csrf for value in found}) == 3  # one per visitor
    assert len({value for found in tokens for value in found}) == 3
    # The same page apart from the holes, byte for byte.
    assert without_tokens(pages_html[0]) == without_tokens(pages_html[1]) == without_tokens(pages_html[2])
    # What is kept holds placeholders, never a visitor's token.
    ((_key, stored),) = pages.items()
    assert holes.CSRF_PLACEHOLDER in stored.content and holes.FORM_TOKEN_PLACEHOLDER in stored.content
    assert not any(value.encode() in stored.content for found in csrf + tokens for value in found)
    # Each visitor is given the CSRF cookie their token belongs to, as Django would.
    assert "csrftoken" in second.cookies and second.cookies["csrftoken"].value
    assert "Cookie" in second["Vary"]
    assert "public" not in second["Cache-Control"]


def test_a_page_from_the_cache_carries_every_header_the_whole_stack_gave_it():
    """The front door answers before the security middleware runs: the page's
    policy, framing and referrer headers must come with it all the same."""
    first = visitor().get(reverse("home"))
    second = visitor().get(reverse("home"))
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    per_answer = {"X-Page-Cache", "Content-Length"}
    kept = {name: value for name, value in first.items() if name not in per_answer}
    assert kept == {name: value for name, value in second.items() if name not in per_answer}
    for name in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options"):
        assert second[name], name
    assert "unsafe-inline" not in second["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_feedback_sent_from_a_cached_page_is_accepted():
    visitor().get(reverse("feedback"))
    person = visitor()
    page = person.get(reverse("feedback"))
    assert page["X-Page-Cache"] == "hit"
    html = page.content.decode()
    response = send_feedback(person, html)
    assert response.status_code == 302 and response.url == reverse("feedback_sent")
    assert Feedback.objects.count() == 1


def test_another_visitors_csrf_token_from_the_cache_is_refused():
    someone = visitor().get(reverse("feedback")).content.decode()
    person = visitor()
    assert person.get(reverse("feedback"))["X-Page-Cache"] == "hit"
    response = send_feedback(person, someone)
    assert response.status_code == 403
    assert Feedback.objects.count() == 0


def test_the_cookie_banner_works_from_a_cached_page():
    visitor().get(reverse("home"))
    person = visitor()
    page = person.get(reverse("home"))
    assert page["X-Page-Cache"] == "hit" and "Accept the visit-counting cookie" in page.content.decode()
    response = person.post(
        reverse("cookies"),
        {"csrfmiddlewaretoken": CSRF.search(page.content.decode()).group(1), "cookies": "accept", "next": "/"},
    )
    assert response.status_code == 302
    assert response.cookies["cookies_policy"].value == "analytics:yes"


def test_a_visitor_who_chose_cookies_never_gets_the_banner_from_the_cache():
    assert "Accept the visit-counting cookie" in visitor().get(reverse("home")).content.decode()
    chosen = visitor()
    chosen.cookies["cookies_policy"] = "analytics:no"
    response = chosen.get(reverse("home"))
    assert response["X-Page-Cache"] == "miss"
    assert "Accept the visit-counting cookie" not in response.content.decode()


def test_an_edit_shows_on_the_next_request(django_capture_on_commit_callbacks):
    objective = EqualityObjectiveFactory(text="Reflect the communities we serve")
    assert "Reflect the communities" in visitor().get(reverse("equality")).content.decode()
    assert visitor().get(reverse("equality"))["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        objective.text = "Build trust in every district"
        objective.save()
    response = visitor().get(reverse("equality"))
    assert response["X-Page-Cache"] == "miss"
    assert "Build trust in every district" in response.content.decode()


def test_an_edit_saved_in_admin_shows_on_the_next_request(admin_client, django_capture_on_commit_callbacks):
    objective = EqualityObjectiveFactory(text="Reflect the communities we serve", display_order=1)
    visitor().get(reverse("equality"))
    assert visitor().get(reverse("equality"))["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(
            reverse("admin:force_equalityobjective_change", args=[objective.pk]),
            {"text": "Build trust in every district", "display_order": 1},
        )
    assert saved.status_code == 302
    assert "Build trust in every district" in visitor().get(reverse("equality")).content.decode()


def test_an_edit_in_another_process_shows_within_the_generation_check(settings, clock):
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 1
    visitor().get(reverse("equality"))
    cache.set(invalidation.GENERATION_KEY, 7, timeout=None)  # what an edit in another process does
    clock.now += 0.5
    assert visitor().get(reverse("equality"))["X-Page-Cache"] == "hit"
    clock.now += 0.6
    assert visitor().get(reverse("equality"))["X-Page-Cache"] == "miss"


def test_places_left_are_never_more_than_thirty_seconds_old(clock):
    evening = PreparationEveningFactory(capacity=10)
    assert "10 of 10" in visitor().get(reverse("positive_action:evenings")).content.decode()
    type(evening).objects.filter(pk=evening.pk).update(booked=3)  # as a booking does: no signal
    clock.now += 29
    assert visitor().get(reverse("positive_action:evenings"))["X-Page-Cache"] == "hit"
    clock.now += 2
    response = visitor().get(reverse("positive_action:evenings"))
    assert response["X-Page-Cache"] == "miss" and "7 of 10" in response.content.decode()


def test_a_visitor_with_a_session_gets_a_fresh_page_and_it_is_not_kept(settings):
    person = visitor()
    page = person.get(reverse("cookies")).content.decode()
    response = person.post(
        reverse("cookies"), {"csrfmiddlewaretoken": CSRF.search(page).group(1), "analytics": "yes"}, follow=True
    )
    assert settings.SESSION_COOKIE_NAME in person.cookies
    html = response.content.decode()
    assert "You’ve set your cookie preferences" in html and "X-Page-Cache" not in response
    pages.clear()
    again = person.get(reverse("cookies"))
    assert "X-Page-Cache" not in again
    assert len(pages) == 0
    anonymous = visitor()
    anonymous.cookies["cookies_policy"] = "analytics:yes"
    assert "You’ve set your cookie preferences" not in anonymous.get(reverse("cookies")).content.decode()


def test_answers_kept_in_a_session_never_reach_the_cache():
    person = visitor()
    first_step = reverse("iag:apply_step", args=["your-details"])
    page = person.get(first_step)
    assert page["X-Page-Cache"] == "miss"
    person.post(
        first_step,
        {
            "csrfmiddlewaretoken": CSRF.search(page.content.decode()).group(1),
            "full_name": "Zebedee Quux",
            "email": "zebedee@example.org",
            "postcode": "CM1 1AA",
        },
    )
    again = person.get(first_step)
    assert "X-Page-Cache" not in again and "Zebedee Quux" in again.content.decode()
    anonymous = visitor().get(first_step)
    assert anonymous["X-Page-Cache"] == "hit" and "Zebedee" not in anonymous.content.decode()
    for name in ("iag:index", "feedback", "home"):
        assert "X-Page-Cache" not in person.get(reverse(name))
        assert "Zebedee" not in visitor().get(reverse(name)).content.decode()
    assert not any(b"Zebedee" in entry.content for _key, entry in pages.items())


def test_signed_in_staff_are_never_served_from_the_cache(admin_client):
    visitor().get(reverse("home"))
    response = admin_client.get(reverse("home"))
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "no-store"


def test_free_text_search_is_never_cached():
    NetworkFactory(name="Support network")
    for _ in range(2):
        response = visitor().get(reverse("networks:index") + "?q=support")
        assert "X-Page-Cache" not in response
    assert len(pages) == 0
    assert visitor().get(reverse("networks:index") + "?category=x")["X-Page-Cache"] == "miss"


def test_only_the_query_parameters_a_page_declares_are_cached():
    assert visitor().get(reverse("feedback") + "?page=/equality/")["X-Page-Cache"] == "miss"
    assert visitor().get(reverse("feedback") + "?page=/contact/")["X-Page-Cache"] == "miss"
    assert visitor().get(reverse("home") + "?utm_source=mail")  # rendered, not kept
    assert "X-Page-Cache" not in visitor().get(reverse("home") + "?utm_source=mail")
    assert len(pages) == 2


def test_pages_with_a_reference_or_a_private_link_are_never_cached(client):
    assert "X-Page-Cache" not in visitor().get(reverse("iag:apply_done"))
    assert len(pages) == 0


def test_confirmation_pages_are_kept_but_never_with_anyones_reference():
    from positive_action.views.signup import FORM_NAME

    done = reverse("positive_action:signup_done")
    assert visitor().get(done)["X-Page-Cache"] == "miss"
    person = visitor()
    session = person.session
    session[f"submitted:{FORM_NAME}"] = "PAP-7Q2K"
    session.save()
    theirs = person.get(done)
    assert "X-Page-Cache" not in theirs and "PAP-7Q2K" in theirs.content.decode()
    someone_else = visitor().get(done)
    assert someone_else["X-Page-Cache"] == "hit" and "PAP-7Q2K" not in someone_else.content.decode()
    for name in ("feedback_sent", "iag:withdrawn"):
        visitor().get(reverse(name))
        assert visitor().get(reverse(name))["X-Page-Cache"] == "hit", name


def test_the_store_is_bounded_in_bytes_least_recently_used_first_out():
    store = BoundedStore()

    def put(key, entry):
        store.put(key, entry, size=entry.size, max_age=60, max_size=100)

    for name in "abc":
        put((name,), Entry(name.encode() * 40, {}, 60))
        store.get(("a",))
    assert store.get(("a",)) is not None and store.get(("b",)) is None and store.get(("c",)) is not None
    put(("huge",), Entry(b"x" * 101, {}, 60))
    assert store.get(("huge",)) is None


def test_with_the_shared_cache_down_pages_are_rendered_afresh(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(invalidation.cache, "get", down)
    for _ in range(2):
        response = visitor().get(reverse("home"))
        assert response.status_code == 200 and "X-Page-Cache" not in response


def test_a_page_that_starts_a_session_or_sets_a_cookie_is_not_kept(rf):
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    from page_cache.decorators import cached_page
    from page_cache.middleware import PageCacheMiddleware

    @cached_page
    def starts_session(request):
        request.session["started"] = True
        return HttpResponse("<p>Hello</p>")

    @cached_page
    def sets_cookie(request):
        response = HttpResponse("<p>Hello</p>")
        response.set_cookie("chosen", "yes")
        return response

    @cached_page
    def plain(request):
        return HttpResponse("<p>Hello</p>")

    def with_session(view):
        def handler(request):
            request.session = SessionStore()
            return view(request)

        return handler

    for view in (starts_session, sets_cookie):
        assert PageCacheMiddleware(with_session(view))(rf.get("/"))["X-Page-Cache"] == "miss"
    assert len(pages) == 0
    # The same front door keeps a page that does neither.
    PageCacheMiddleware(with_session(plain))(rf.get("/"))
    assert len(pages) == 1


def through_the_front_door(path: str, cookies: dict | None = None, **extra) -> tuple[str, list, bytes]:
    """A GET as the WSGI server hands it over, to the site's WSGI application
    (the front door in page_cache.wsgi, then Django behind it)."""
    from django.test import RequestFactory

    from engagement_site.wsgi import application

    environ = {**RequestFactory().get(path).environ, **extra}
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered.update(status=status, headers=headers)

    body = b"".join(application(environ, start_response))
    return answered["status"], answered["headers"], body


def test_the_front_door_answers_a_kept_page_with_the_visitors_own_tokens_and_cookie():
    kept = visitor().get(reverse("feedback"))  # Django renders it and keeps it
    status, headers, body = through_the_front_door(reverse("feedback"))
    assert status == "200 OK"
    named = dict(headers)
    assert named["X-Page-Cache"] == "hit"
    per_answer = {"X-Page-Cache", "Content-Length", "Set-Cookie"}
    assert {n: v for n, v in headers if n not in per_answer} == {n: v for n, v in kept.items() if n not in per_answer}
    assert int(named["Content-Length"]) == len(body)
    html = body.decode()
    assert CSRF.search(html).group(1) not in kept.content.decode()
    assert FORM_TOKEN.search(html).group(1) not in kept.content.decode()
    # The CSRF cookie is the one Django's middleware sends, for a secret of the visitor's own.
    (cookie,) = [value for name, value in headers if name == "Set-Cookie"]
    name_value, *attributes = cookie.split("; ")
    secret = name_value.removeprefix("csrftoken=")
    django_attributes = kept.cookies["csrftoken"].OutputString().split("; ")[1:]
    without_expiry = [a for a in attributes if not a.startswith("expires=")]
    assert without_expiry == [a for a in django_attributes if not a.startswith("expires=")]
    # And Django accepts what the front door gave: the feedback is sent.
    person = visitor()
    person.cookies["csrftoken"] = secret
    sent = send_feedback(person, html)
    assert sent.status_code == 302 and Feedback.objects.count() == 1


def test_the_front_door_keeps_a_returning_visitors_csrf_secret():
    from django.middleware.csrf import _unmask_cipher_token

    visitor().get(reverse("feedback"))
    secret = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"
    status, headers, body = through_the_front_door(reverse("feedback"), {"csrftoken": secret})
    assert dict(headers)["X-Page-Cache"] == "hit"
    assert _unmask_cipher_token(CSRF.search(body.decode()).group(1)) == secret
    assert dict(headers)["Set-Cookie"].startswith(f"csrftoken={secret};")  # renewed, as Django does


def test_the_front_door_leaves_sessions_and_cookie_changes_to_django():
    visitor().get(reverse("home"))
    visitor().get(reverse("home"), HTTP_COOKIE="cookies_policy=analytics:yes")
    # A session: Django answers afresh, nothing from the store.
    status, headers, body = through_the_front_door(reverse("home"), {"sessionid": "someone"})
    assert status == "200 OK" and "X-Page-Cache" not in dict(headers)
    # Accepted the visit-counting cookie and has none yet: Django's replay sets it.
    status, headers, body = through_the_front_door(reverse("home"), {"cookies_policy": "analytics:yes"})
    assert any(name == "Set-Cookie" and value.strip().startswith("site_measure=") for name, value in headers)
    # A CSRF cookie the front door does not read as a plain secret (an older masked
    # one): Django reads it, and the visitor keeps the secret it holds.
    from django.middleware.csrf import _unmask_cipher_token

    masked = "x" * 64
    status, headers, body = through_the_front_door(reverse("home"), {"csrftoken": masked})
    assert _unmask_cipher_token(CSRF.search(body.decode()).group(1)) == _unmask_cipher_token(masked)


def test_the_csrf_tokens_filled_in_are_djangos_own_masked_tokens():
    from collections import Counter

    from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token

    new_visitor: dict = {}
    first, second = holes.csrf_token(new_visitor), holes.csrf_token(new_visitor)
    secret = new_visitor["CSRF_COOKIE"]
    assert len(secret) == 32 and new_visitor["CSRF_COOKIE_NEEDS_UPDATE"]
    assert first != second and _unmask_cipher_token(first) == _unmask_cipher_token(second) == secret
    # Every character of the alphabet drawn about equally often (none favoured by the modulo).
    drawn = Counter("".join(holes.csrf_token({})[:32] for _ in range(4000)))
    assert set(drawn) == set(CSRF_ALLOWED_CHARS)
    expected = 4000 * 32 / len(CSRF_ALLOWED_CHARS)
    assert all(abs(count - expected) < 0.15 * expected for count in drawn.values())


def test_a_kept_download_goes_compressed_to_clients_that_accept_it():
    import gzip

    from tests.factories import AdvicePointFactory

    AdvicePointFactory.create_batch(30)
    csv_url = reverse("iag_work:advice_csv")
    plain = visitor().get(csv_url)
    assert plain["X-Page-Cache"] == "miss" and "Content-Encoding" not in plain
    # Through Django's side of the cache and through the front door, the same bytes compressed.
    through_django = visitor().get(csv_url, HTTP_ACCEPT_ENCODING="gzip, br")
    _status, headers, door_body = through_the_front_door(csv_url, HTTP_ACCEPT_ENCODING="gzip")
    for answer, body in ((through_django, through_django.content), (dict(headers), door_body)):
        assert answer["X-Page-Cache"] == "hit" and answer["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in answer["Vary"]
        assert gzip.decompress(body) == plain.content
    assert "Content-Encoding" not in visitor().get(csv_url)  # no Accept-Encoding: as it is


def test_a_page_with_tokens_goes_compressed_with_the_visitors_own_tokens_at_a_size_no_token_changes():
    import gzip

    kept = visitor().get(reverse("feedback"))
    answers = [visitor().get(reverse("feedback"), HTTP_ACCEPT_ENCODING="gzip, deflate, br") for _ in range(20)]
    answers += [through_the_front_door(reverse("feedback"), HTTP_ACCEPT_ENCODING="gzip") for _ in range(20)]
    bodies = []
    for answer in answers:
        headers, body = (answer, answer.content) if not isinstance(answer, tuple) else (dict(answer[1]), answer[2])
        assert headers["X-Page-Cache"] == "hit" and headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in headers["Vary"] and int(headers.get("Content-Length", len(body))) == len(body)
        bodies.append(body)
    pages_html = [gzip.decompress(body).decode() for body in bodies]
    # Each is the page, with tokens of its own (40 answers, 40 different tokens of each kind).
    assert all(without_tokens(html) == without_tokens(kept.content.decode()) for html in pages_html)
    assert len({CSRF.search(html).group(1) for html in pages_html}) == 40
    assert len({FORM_TOKEN.search(html).group(1) for html in pages_html}) == 40
    # The tokens are not compressed with the page, so the size never depends on them,
    # and the page's own text is compressed to well under half.
    assert len({len(body) for body in bodies}) == 1
    assert len(bodies[0]) < len(kept.content) / 2
    # A person whose browser took the compressed page can send the form.
    person = visitor()
    first = visitor().get(reverse("feedback"), HTTP_ACCEPT_ENCODING="gzip")
    person.cookies["csrftoken"] = first.cookies["csrftoken"].value
    html = gzip.decompress(first.content).decode()
    sent = send_feedback(person, html)
    assert sent.status_code == 302 and Feedback.objects.count() == 1


def test_the_visitor_whose_request_renders_a_page_gets_it_compressed_and_it_works():
    import gzip

    person = visitor()
    first = person.get(reverse("feedback"), HTTP_ACCEPT_ENCODING="gzip")
    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first["Vary"]
    html = gzip.decompress(first.content).decode()
    assert without_tokens(html) == without_tokens(visitor().get(reverse("feedback")).content.decode())
    sent = send_feedback(person, html)
    assert sent.status_code == 302 and Feedback.objects.count() == 1


def test_quick_exit_is_kept_for_visitors_without_a_session_and_still_forgets_a_session(client):
    from django.conf import settings

    first = visitor().get(reverse("leave"))
    status, headers, body = through_the_front_door(reverse("leave"))
    assert first["X-Page-Cache"] == "miss" and dict(headers)["X-Page-Cache"] == "hit"
    assert status == "302 Found" and body == b""
    named = dict(headers)
    assert named["Location"] == settings.QUICK_EXIT_URL
    assert named["Referrer-Policy"] == "no-referrer" and named["Clear-Site-Data"] == '"cache"'
    assert "no-store" in named["Cache-Control"]
    # Someone with a session still has it forgotten: Django answers them afresh.
    session = client.session
    session["half_filled_answer"] = "private"
    session.save()
    response = client.get(reverse("leave"))
    assert response.status_code == 302 and "X-Page-Cache" not in response
    assert "half_filled_answer" not in client.session
