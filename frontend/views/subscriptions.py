"""Subscriptions without an account: sign up from the home, neighbourhood and activity
pages, confirm, change and unsubscribe through the links in every mail, and the privacy
page that says what is stored. The domain rules are in subscriptions.services."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from rest_framework.throttling import BaseThrottle

from buurt.models import AreaKind
from core.language import site_language
from frontend.forms.home import MAX_NEIGHBOURHOOD_CHOICES, areas_offered
from frontend.forms.subscriptions import ChangeForm, SubscribeForm
from subscriptions.models import Subscription, SubscriptionKind
from subscriptions.queries import subscription_by_token
from subscriptions.services import (
    MailNotSent,
    SignUpRefused,
    subscription_change,
    subscription_confirm,
    subscription_sign_up,
    subscription_unsubscribe,
)


def area_choices() -> list[tuple[str, str]]:
    """Neighbourhoods for the address form when its page chose none (municipalities where
    the territory has too many neighbourhoods for a list)."""
    neighbourhoods = areas_offered(AreaKind.NEIGHBOURHOOD)
    if len(neighbourhoods) > MAX_NEIGHBOURHOOD_CHOICES:
        neighbourhoods = areas_offered(AreaKind.MUNICIPALITY)
    return [("", "—"), *((code, name) for code, name, _parent in neighbourhoods)]


def page_site_language() -> str:
    return site_language(translation.get_language()) or settings.LANGUAGE_CODE


def client_ip(request: HttpRequest) -> str:
    # The same address as the API's throttles, honouring NUM_PROXIES (docs/operations.md).
    return BaseThrottle().get_ident(request)


def _apply_errors(form, error: ValidationError) -> None:
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """The sign-up form's target. A bad field is a 400 page naming it, with the form again;
    past the abuse limits a 429 that says so, a 503 when the mail server is down; else "look
    in your mailbox"."""
    if request.method == "GET":
        form = SubscribeForm(area_choices=area_choices())
        return render(request, "frontend/subscriptions/subscribe.html", {"form": form})
    form = SubscribeForm(request.POST, area_choices=area_choices())
    status = 400
    if form.is_valid():
        activity = form.cleaned_data["activity"]
        digest = None if activity else form.digest_filter()
        if activity or digest:
            try:
                subscription_sign_up(
                    email=form.cleaned_data["email"],
                    language=page_site_language(),
                    digest=digest,
                    activity=activity,
                    client_ip=client_ip(request),
                )
            except ValidationError as error:
                _apply_errors(form, error)
            except (SignUpRefused, MailNotSent) as refused:
                return render(
                    request,
                    "frontend/subscriptions/subscribe.html",
                    {"form": form, "refused": str(refused)},
                    status=429 if isinstance(refused, SignUpRefused) else 503,
                )
            else:
                return render(
                    request,
                    "frontend/subscriptions/check_mail.html",
                    {"email": form.cleaned_data["email"], "reminder": bool(activity)},
                )
    return render(request, "frontend/subscriptions/subscribe.html", {"form": form}, status=status)


def subscription_or_404(token: str) -> Subscription:
    subscription = subscription_by_token(token)
    if subscription is None:
        raise Http404("No subscription has this link (any more).")
    return subscription


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""
    subscription = subscription_or_404(token)
    if request.method == "POST":
        subscription = subscription_confirm(token=token)
        return render(
            request,
            "frontend/subscriptions/confirmed.html",
            {"subscription": subscription},
        )
    return render(request, "frontend/subscriptions/confirm.html", {"subscription": subscription})


@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", no token, no page
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link opened by a scanner deletes nothing); POST deletes the row. A POST
    for a link already used answers the same: the address is gone either way."""
    if request.method == "POST":
        subscription_unsubscribe(token=token)
        return render(request, "frontend/subscriptions/unsubscribed.html")
    subscription = subscription_or_404(token)
    return render(
        request, "frontend/subscriptions/unsubscribe.html", {"subscription": subscription}
    )


@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, token: str) -> HttpResponse:
    """Change what a subscription follows (a digest) and the language of its mails."""
    subscription = subscription_or_404(token)
    languages = [
        (code, translation.get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES
    ]
    if request.method == "POST":
        form = ChangeForm(request.POST, languages=languages, area_choices=area_choices())
        if form.is_valid():
            digest = None
            if subscription.kind == SubscriptionKind.DIGEST:
                digest = form.digest_filter()
            if digest is not None or subscription.kind == SubscriptionKind.REMINDER:
                subscription_change(
                    subscription=subscription,
                    language=form.cleaned_data["mail_language"],
                    digest=digest,
                )
                return render(
                    request,
                    "frontend/subscriptions/change.html",
                    {"subscription": subscription, "form": form, "saved": True},
                )
        return render(
            request,
            "frontend/subscriptions/change.html",
            {"subscription": subscription, "form": form},
            status=400,
        )
    initial = {
        "mail_language": subscription.language,
        "area": subscription.area.code if subscription.area_id else "",
        "near": f"{subscription.near.x},{subscription.near.y}" if subscription.near else "",
        "radius": subscription.radius_m,
        "work_model": subscription.work_models,
        "language": subscription.spoken_language,
    }
    form = ChangeForm(initial=initial, languages=languages, area_choices=area_choices())
    return render(
        request, "frontend/subscriptions/change.html", {"subscription": subscription, "form": form}
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """What Buurtwijzer stores about residents, in plain words."""
    return render(request, "frontend/privacy.html")


def subscribe_fields(
    *,
    area_code: str = "",
    near=None,
    radius_m: int | None = None,
    work_models=(),
    language: str = "",
    activity_id: int | None = None,
) -> dict:
    """The hidden fields that carry a page's filter into the sign-up form, and whether the
    form must ask for a neighbourhood (the page chose none)."""
    hidden = []
    if activity_id:
        hidden.append(("activity", activity_id))
    else:
        if near is not None:
            hidden += [("near", f"{near.x:.6f},{near.y:.6f}"), ("radius", int(radius_m or 0))]
        elif area_code:
            hidden.append(("area", area_code))
        hidden += [("work_model", code) for code in work_models]
        if language:
            hidden.append(("language", language))
    ask_area = not activity_id and near is None and not area_code
    return {
        "hidden": hidden,
        "reminder": bool(activity_id),
        "area_choices": area_choices() if ask_area else None,
    }
