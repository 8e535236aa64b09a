"""Who may do what in an organisation: the one place tenant views ask."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from tenants.models import Membership, Organisation, Role


def current_organisation(request: HttpRequest) -> Organisation:
    tenant = getattr(request, "tenant", None)
    if not isinstance(tenant, Organisation) or tenant.schema_name == "public":
        raise Http404
    return tenant


def membership_for(request: HttpRequest) -> Membership | None:
    """The signed-in user's membership of the organisation whose host this is, if any."""
    if not request.user.is_authenticated:
        return None
    if not hasattr(request, "_membership"):
        request._membership = (  # type: ignore[attr-defined]
            Membership.objects.filter(user=request.user, organisation=current_organisation(request))
            .select_related("organisation")
            .first()
        )
    return request._membership  # type: ignore[attr-defined,no-any-return]


def role_required(
    role: Role,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Let the view run only for members with at least ``role``; others log in or are refused."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            current_organisation(request)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request)
            if membership is None or not membership.has_role(role):
                raise PermissionDenied(role.value)  # the refusal page names the role
            request.membership = membership  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
            # Drafts, previews and exports are for this member only: no shared or stored copy.
            patch_cache_control(response, private=True, no_store=True)
            return response

        wrapped.required_role = role  # type: ignore[attr-defined]
        return wrapped

    return decorator
