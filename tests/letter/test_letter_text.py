"""Reading a letter written anywhere into subject, salutation, body and sign-off."""

from __future__ import annotations

from trainer.letter.letter import Letter, parse_letter, split_letter


def test_parts_are_found_and_nothing_is_reworded() -> None:
    letter = parse_letter("Subject: Offer - declining\n\nDear Priya,\n\nThank you. I won't be "
                          "accepting.\n\nKind regards,\nSam Rivera\n07700 900123\n")
    assert letter == Letter("Offer - declining", "Dear Priya,", "Thank you. I won't be "
                            "accepting.", "Kind regards,\nSam Rivera\n07700 900123")
    assert letter.text() == ("Subject: Offer - declining\n\nDear Priya,\n\nThank you. I won't be "
                             "accepting.\n\nKind regards,\nSam Rivera\n07700 900123")
    assert letter.word_count() == 14


def test_a_first_line_that_is_not_a_greeting_is_the_subject() -> None:
    assert parse_letter("Declining the offer\n\nHi Priya,\nNo thanks.\nSam").subject == (
        "Declining the offer")
    assert parse_letter("Dear Priya,\n\nI won't be accepting.\n\nBest,\nSam").subject == ""


def test_mail_headers_before_the_subject_are_skipped() -> None:
    letter = parse_letter("To: priya@example.com\nSubject: Offer: my decision\n\nDear Priya,\n"
                          "I decline.\nSam")
    assert letter.subject == "Offer: my decision"
    assert letter.salutation == "Dear Priya,"


def test_a_greeting_on_the_first_line_of_the_text_is_split_off() -> None:
    letter = split_letter("Hi Priya, thank you for the offer, but I won't be accepting it.\n\nAll "
                          "the best,\nSam")
    assert letter.salutation == "Hi Priya,"
    assert letter.body == "thank you for the offer, but I won't be accepting it."
    assert letter.sign_off == "All the best,\nSam"


def test_a_name_alone_greets_and_signs() -> None:
    letter = split_letter("Priya,\n\nI won't be accepting the offer.\n\nSam")
    assert (letter.salutation, letter.body, letter.sign_off) == (
        "Priya,", "I won't be accepting the offer.", "Sam")


def test_a_closing_sentence_is_body_not_sign_off() -> None:
    letter = split_letter("Dear Tom,\n\nI won't be coming.\n\nThanks again for everything, and "
                          "all the best with the search.")
    assert letter.sign_off == ""
    assert letter.body.endswith("search.")


def test_json_round_trip() -> None:
    letter = Letter("S", "Dear A,", "Body.", "Best,\nB")
    assert Letter.from_json(letter.to_json()) == letter


def test_greetings_and_closings_in_other_languages_are_found_by_their_shape() -> None:
    letter = split_letter("Bonjour Claire,\n\nI won't be accepting the offer.\n\nThank you again "
                          "for everything.\n\nBien cordialement,\nLuc Martin")
    assert letter.salutation == "Bonjour Claire,"
    assert letter.body == "I won't be accepting the offer.\n\nThank you again for everything."
    assert letter.sign_off == "Bien cordialement,\nLuc Martin"
