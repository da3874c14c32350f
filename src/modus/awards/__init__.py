"""Awards with two-phase voting: an online community vote, then an on-site vote.

Ballot secrecy: `Ballot` rows hold a choice and sha256("modus-ballot:" + receipt) only; the
receipt is random, shown once to the voter and kept in their browser (a signed cookie), never
stored by the server. `VoteRecord` says who voted in which category and phase (unique), with
no choice. Changing a vote needs the receipt: the ballot with its hash is deleted and a new
one with a new receipt stored. The tally (`tally.py`) is pure and recomputable from the
published ballot list and tally exports.
"""
