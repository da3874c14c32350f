"""Meeting requests cannot flood an inbox: closed pairs, rate limits, coalesced e-mails."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from modus.directory.models import Visibility
from modus.matchmaking.models import Meeting, MeetingRequest, Notification, RequestBlock
from modus.matchmaking.services import requests, setup
from tests.factories import ParticipantFactory
from tests.matchmaking.conftest import slots_of

pytestmark = pytest.mark.django_db


def refused(action) -> str:
    with pytest.raises(ValidationError) as caught:
        action()
    return " ".join(caught.value.messages)


def test_a_declined_pair_stays_closed_until_the_recipient_allows_it(fair):
    event, session, anna, ben, _ = fair
    requests.decline_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    message = refused(lambda: requests.send_request(by=anna, recipient=ben))
    assert message == (
        f"{ben.person} declined your request or cancelled your meeting; you can ask again "
        "once they allow new requests from you."
    )
    assert MeetingRequest.objects.filter(requester=anna).count() == 1
    assert requests.allow_requests(by=ben, other=anna) is True
    assert requests.send_request(by=anna, recipient=ben).status == "pending"


def test_the_recipients_own_request_reopens_the_pair(fair):
    event, session, anna, ben, _ = fair
    requests.decline_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    requests.send_request(by=ben, recipient=anna)
    assert RequestBlock.objects.count() == 0
    assert requests.send_request(by=anna, recipient=ben).mutual is True


def test_only_the_one_who_closed_can_reopen(fair):
    event, session, anna, ben, _ = fair
    requests.decline_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    assert requests.allow_requests(by=anna, other=ben) is False
    assert RequestBlock.objects.filter(by=ben, blocked=anna).count() == 1


def test_a_cancellation_closes_the_pair_for_the_other_side(fair):
    event, session, anna, ben, _ = fair
    meeting = requests.accept_request(
        request=requests.send_request(by=anna, recipient=ben), by=ben, slot=slots_of(session)[0]
    )
    requests.cancel_meeting(meeting=meeting, by=ben)
    refused(lambda: requests.send_request(by=anna, recipient=ben))
    # The one who cancelled may still ask.
    assert requests.send_request(by=ben, recipient=anna).status == "pending"


def test_requests_per_hour_are_limited(fair, settings):
    event, session, anna, _ben, _ = fair
    settings.MEETING_REQUESTS_PER_HOUR = 2
    others = [ParticipantFactory(event=event) for _ in range(3)]
    for other in others[:2]:
        requests.send_request(by=anna, recipient=other)
    message = refused(lambda: requests.send_request(by=anna, recipient=others[2]))
    assert message == (
        "You have sent 2 meeting requests in the last hour, the most allowed. "
        "Please try again later."
    )
    assert MeetingRequest.objects.filter(requester=anna).count() == 2
    MeetingRequest.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert requests.send_request(by=anna, recipient=others[2]).status == "pending"


def test_withdrawals_per_hour_are_limited(fair, settings):
    event, session, anna, _ben, _ = fair
    settings.MEETING_WITHDRAWALS_PER_HOUR = 1
    first, second = (
        requests.send_request(by=anna, recipient=ParticipantFactory(event=event)) for _ in range(2)
    )
    requests.withdraw_request(request=first, by=anna)
    message = refused(lambda: requests.withdraw_request(request=second, by=anna))
    assert message == (
        "You have withdrawn 1 requests in the last hour, the most allowed. Please try again later."
    )
    second.refresh_from_db()
    assert second.status == "pending"


def test_a_request_withdraw_loop_sends_one_email(
    fair, settings, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    settings.REQUEST_EMAIL_QUIET_MINUTES = 60
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            request = requests.send_request(by=anna, recipient=ben)
            requests.withdraw_request(request=request, by=anna)
    assert [mail.to for mail in mailoutbox] == [[ben.person.user.email]]
    # The in-app notifications all appear.
    assert Notification.objects.filter(recipient=ben, kind="request-received").count() == 3


def test_after_the_quiet_period_a_new_request_is_emailed_again(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    with django_capture_on_commit_callbacks(execute=True):
        requests.withdraw_request(request=requests.send_request(by=anna, recipient=ben), by=anna)
        Notification.objects.update(created_at=timezone.now() - timedelta(minutes=61))
        requests.send_request(by=anna, recipient=ben)
        # Another sender is another pair: not held back.
        requests.send_request(by=cyril, recipient=ben)
    assert len(mailoutbox) == 3


def test_automatic_mode_does_not_book_a_pair_twice(fair):
    event, session, anna, ben, _ = fair
    setup.update_settings(
        by=None, event=event, request_mode="automatic", scheduling_mode="organiser"
    )
    first = requests.send_request(by=anna, recipient=ben)
    requests.cancel_meeting(meeting=first.meeting, by=anna)
    again = requests.send_request(by=anna, recipient=ben)
    assert again.status == "pending"
    assert Meeting.objects.filter(status="confirmed").count() == 0


def test_a_hidden_profile_cannot_be_asked_out_of_the_blue(fair):
    event, session, anna, ben, _ = fair
    ben.person.visibility = Visibility.HIDDEN
    ben.person.save()
    message = refused(lambda: requests.send_request(by=anna, recipient=ben))
    assert message == "You can only ask people whose profile you can see."
    # Once they asked, they can be answered.
    requests.send_request(by=ben, recipient=anna)
    assert requests.send_request(by=anna, recipient=ben).mutual is True
