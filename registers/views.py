"""The organisation's pages: its registers and its controller details."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from registers.models import Controller, Register
from tenants.access import role_required
from tenants.models import Role


@role_required(Role.VIEWER)
def register_list(request: HttpRequest) -> HttpResponse:
    context = {"registers": Register.objects.all(), "controller": Controller.load()}
    return render(request, "registers/register_list.html", context)


@role_required(Role.VIEWER)
def controller(request: HttpRequest) -> HttpResponse:
    return render(request, "registers/controller.html", {"controller": Controller.load()})
