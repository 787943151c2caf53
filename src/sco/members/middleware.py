"""Keeps the facts behind permission answers for the length of one request (members.permissions.remembered)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sco.members import permissions


class PermissionFactsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with permissions.remembered():
            return self.get_response(request)
