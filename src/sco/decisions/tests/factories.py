"""Test factories: rows made directly, for tests that need many procedures fast (query counts). Services elsewhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from sco.decisions.models import Decision, Position
from sco.members.models import Body, State


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Procedure {n} (synthetic)")
    subject_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(Body))
    # One procedure at a time may be open on a record: each gets a synthetic body of its own as its subject.
    subject_id = factory.Sequence(
        lambda n: Body.objects.create(code=f"synthetic-subject-{n}", kind="working_group", name_en=f"Synthetic {n}").pk
    )
    body = factory.LazyAttribute(lambda o: Body.objects.get(code="swg-investment"))
    rule = "consensus"
    opened_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=13))

    @factory.post_generation
    def eligible(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.eligible_states.set(extracted if extracted is not None else State.objects.members_on(dt.date.today()))


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    kind = "support"
    recorded_at = factory.LazyFunction(timezone.now)
