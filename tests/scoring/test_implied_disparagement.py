"""Implied disparagement by category, pinned with sentences written for these tests.

Mock amazement at a small figure, jibes at silence and delays, jibes at the
number of rounds, mild digs at the premises or the mood, unflattering
comparisons with the other employer, mock praise, being fed up with them,
and slights during the interview itself. Each category has neutral
neighbours that must stay clean: a plain reason is not running them down.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

SCORER = Scorer()
OPENING = "Hi, it's Marek from Tollgate Freight. We'd like to offer you the planner role."
WHY = "I understand. Can I ask what made you decide against it?"


def offensive(reply: str, context: str | None = OPENING) -> bool | None:
    return SCORER.score(reply, context).checks["offensive"].met


@pytest.mark.parametrize("reply", [
    # mock amazement at a small figure
    "a whole four percent gosh i'll try to contain myself no thanks",
    "Eight whole hundred quid extra. No, I'll pass.",
    "Well you've certainly pushed the boat out with that one. It's a no.",
    # jibes at silence and delay
    "three months of radio silence and now you want an answer, no thanks",
    "I'd be drawing my pension by the time... well, I'd be retired by the time you lot decided.",
    "Given how long the paperwork took, I'm not holding my breath. I'll decline.",
    # jibes at the number of rounds
    "six rounds of interviews for an admin job? I'm out.",
    "Good luck to the next person who has to sit through all those assessments.",
    "honestly that pay for a night shift is a rip off so no",
    # mild digs at the premises, the people or the mood
    "The depot looked a bit tired and the staff seemed pretty fed up, so I'll say no.",
    "To be honest the whole operation was a bit of a shambles. I'm declining.",
    "The package is not exactly generous, so I'll pass.",
    # unflattering comparisons
    "The other firm just came across as far more on the ball, sorry.",
    "I'd like to work somewhere that actually values its drivers, so no.",
    "i'd honestly rather stay on the dole than take that",
    "my little sister gets paid more babysitting, so no thanks",
    # mock praise and sarcasm
    "Oh great job guys, really slick process. No thanks.",
    "Yeah, it's been an absolute treat. Bye.",
    "You obviously read my CV very closely, given I'm an accountant. No thank you.",
    # fed up with them
    "Nah, I've had enough of you lot, cheers.",
    # slights in the interview itself
    "The manager kept scrolling his phone while I talked, so no.",
    "Nobody at the front desk knew I was due that day. I'll be declining.",
])
def test_implied_disparagement_is_offensive(reply: str) -> None:
    assert offensive(reply) is True


@pytest.mark.parametrize("reply", [
    "The pay is lower than I need, so I'll decline.",
    "I'm a bit tired of commuting two hours a day, so I'll say no.",
    "It's been a real pleasure talking to you all, thank you.",
    "I've had enough of long commutes, I'm staying local. Sorry.",
    "The other firm felt a better fit for my goals, so I'll decline.",
    "Four interviews was a lot for me to fit around my job, but I've taken another offer.",
    "I loved how the team worked together, but I've accepted another role.",
    "I was ten minutes late myself, sorry again, but I won't be going ahead.",
    "Thank you, I'll pass, the salary's a little below what I'm on now.",
])
def test_neutral_neighbours_are_not_offensive(reply: str) -> None:
    assert offensive(reply) is False


def test_a_dig_in_answer_to_why_is_still_offensive() -> None:
    assert offensive("The office felt a bit dated, if I'm honest.", WHY) is True


@pytest.mark.parametrize("reply", [
    "The call started half an hour late and no one had even opened my portfolio, so no.",
    "She turned up twenty minutes late and asked me the same two questions again.",
])
def test_slights_in_the_interview_itself(reply: str) -> None:
    assert offensive(reply) is True


@pytest.mark.parametrize("reply", [
    "Five rounds, Nadia. Five. For a receptionist job. I'm not doing it.",
    "Where do I even begin? Nobody replied for a month and the pay was a joke.",
])
def test_jibes_broken_up_by_pauses_or_opening_a_complaint(reply: str) -> None:
    assert offensive(reply) is True


@pytest.mark.parametrize("reply", [
    "Where do I start, really. My dad's poorly and I'm needed at home, so I'll say no.",
    "The bus out to yours is a nightmare since they cut the route, so I'll decline.",
])
def test_a_sincere_story_opener_or_a_bad_journey_runs_nothing_down(reply: str) -> None:
    assert offensive(reply) is False


@pytest.mark.parametrize("reply", [
    "two months of silence and now an interview, no thanks",
    "Took you long enough. I'm out.",
    "Four rounds for a data entry job. I'm not taking it.",
])
def test_a_jibe_at_the_delay_or_rounds_that_backs_a_no_is_its_reason(reply: str) -> None:
    score = SCORER.score(reply, OPENING)
    assert score.checks["offensive"].met is True
    assert score.checks["brief_reason"].met is True


def test_a_jibe_at_whoever_comes_next_gives_no_reason() -> None:
    score = SCORER.score("No thanks. Good luck to whoever gets it.", OPENING)
    assert score.checks["offensive"].met is True
    assert score.checks["brief_reason"].met is False


def test_a_dismissive_prediction_about_them_is_offensive() -> None:
    assert offensive("Honestly? Forget it. You lot wouldn't change a thing anyway.", WHY) is True
    assert offensive("I wouldn't change a thing about the interview, I just found "
                     "something closer.", WHY) is False
