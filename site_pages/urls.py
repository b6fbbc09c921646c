from django.urls import path

from site_pages.views import cookies, emails, exit, feedback, pages

# Site-wide pages keep short, unprefixed URL names ("home", "feedback"): every
# layout template links to them.
urlpatterns = [
    path("", pages.home, name="home"),
    path("equality-and-diversity/", pages.equality, name="equality"),
    path("contact-us/", pages.contact, name="contact"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("cookies/", cookies.cookies, name="cookies"),
    path("cookies/hide-message/", cookies.cookie_banner_hide, name="cookie_banner_hide"),
    path("feedback/", feedback.FeedbackView.as_view(), name="feedback"),
    path("feedback/sent/", feedback.feedback_sent, name="feedback_sent"),
    path("emails-we-send/", emails.emails_we_send, name="emails_we_send"),
    path("leave/", exit.leave, name="leave"),
]
