"""Reading free text in Finnish, Swedish and English: words, their stems, clauses and negation.

The text scans ask of a sentence more than whether a word occurs in it: whether the clause that
holds the word is negated ("tietoja ei käytetä markkinointiin"), whether it is a relative clause
that says something about another noun ("people who can tell about the user's special needs"),
and what the verb of a hedge is ("voidaan pyytää": the person can request). Words are compared
by their Snowball stems (the ``snowballstemmer`` package, which has stemmers for all three
languages), so that one entry covers a word's inflected forms: "markkinointiin", "markkinointia".

A term is written as a word, or several words for a phrase, in one of three ways:

- ``word``: a word whose stem equals the stem of ``word`` ("some" is not "something");
- ``word*``: a word whose stem starts with the stem of ``word`` ("poista*": "poistetaan");
- ``~word``: a word that contains the stem of ``word`` anywhere (the word itself when its stem
  is shorter than five letters), for the parts of the compounds Finnish and Swedish write as one
  word ("~markkinointi": "suoramarkkinointiin");
- ``=word``: exactly this word, case included ("=may" is not the month of May).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

STEMMERS = {"fi": "finnish", "sv": "swedish", "en": "english"}

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Sentences end at a full stop, a question or exclamation mark, a semicolon, a colon or a line
# break; clauses also at a comma, a parenthesis or a dash between words.
_SENTENCE = re.compile(r"[.!?;:\n]+(?:\s|$)|\n")
_CLAUSE = re.compile(r"[,()]|\s[–—-]\s")

NEGATIONS = {
    "fi": {"ei", "en", "et", "emme", "ette", "eivät", "eikä", "älä", "älkää", "ilman"},
    "sv": {"inte", "ej", "icke", "aldrig", "ingen", "inget", "inga", "utan"},
    "en": {"not", "no", "never", "none", "nor", "neither", "cannot", "without"},
}
# A relative pronoun starts a clause about a noun before it, not about the sentence's subject.
RELATIVES = {
    "fi": {
        "joka",
        "jotka",
        "jonka",
        "joiden",
        "jota",
        "joita",
        "jossa",
        "joissa",
        "josta",
        "joista",
        "johon",
        "joihin",
        "jolle",
        "joille",
        "jolta",
        "joilta",
        "jolla",
        "joilla",
        "mikä",
        "mitkä",
    },
    "sv": {"som", "vilka", "vilken", "vilket", "vars"},
    "en": {"who", "whom", "whose", "which"},
}


@cache
def _stemmer(language: str) -> snowballstemmer.Stemmer | None:
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


# Every section page runs the checker over the same texts again: a word is stemmed, and a text
# split into clauses, once per process rather than once per rule and per request.
@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    lower = word.lower()
    return stemmer.stemWord(lower) if stemmer else lower


@dataclass(frozen=True)
class Word:
    text: str
    lower: str
    stem: str


@dataclass(frozen=True)
class Clause:
    """A stretch of a sentence between commas, parentheses or a relative pronoun."""

    words: tuple[Word, ...]
    negated: bool
    relative: bool
    sentence: int


@lru_cache(maxsize=8192)
def words(text: str, language: str) -> tuple[Word, ...]:
    return tuple(Word(w, w.lower(), stem(w, language)) for w in _WORD.findall(text))


def _negated(words: Iterable[Word], language: str) -> bool:
    negations = NEGATIONS.get(language, set())
    return any(w.lower in negations or w.lower.endswith(("n't", "n’t")) for w in words)


def _split_relative(
    words: tuple[Word, ...], language: str
) -> Iterator[tuple[tuple[Word, ...], bool]]:
    relatives = RELATIVES.get(language, set())
    start, relative = 0, False
    for index, word in enumerate(words):
        if word.lower in relatives:
            if index > start:
                yield words[start:index], relative
            start, relative = index, True
    yield words[start:], relative


@lru_cache(maxsize=8192)
def clauses(text: str, language: str) -> tuple[Clause, ...]:
    """The text's clauses, each knowing whether it is negated and whether it is relative."""
    found: list[Clause] = []
    for number, sentence in enumerate(_SENTENCE.split(text)):
        for part in _CLAUSE.split(sentence):
            for segment, relative in _split_relative(words(part, language), language):
                if segment:
                    negated = _negated(segment, language)
                    found.append(Clause(segment, negated, relative, number))
    return tuple(found)


@dataclass(frozen=True)
class _Part:
    mode: str  # "", "*", "~" or "="
    value: str

    def matches(self, word: Word) -> bool:
        if self.mode == "=":
            return word.text == self.value
        if self.mode == "~":
            return self.value in word.lower
        if self.mode == "*":
            return word.stem.startswith(self.value)
        return word.stem == self.value


def _part(term: str, language: str) -> _Part:
    if term.startswith("="):
        return _Part("=", term[1:])
    if term.startswith("~"):
        # A short stem would turn up inside unrelated words ("ill" in "billing").
        stemmed = stem(term[1:], language)
        return _Part("~", stemmed if len(stemmed) >= 5 else term[1:].lower())
    if term.endswith("*"):
        return _Part("*", stem(term[:-1], language))
    return _Part("", stem(term, language))


class Terms:
    """The words of one notion in one language ("marketing"), matched by their stems."""

    def __init__(self, language: str, terms: Iterable[str]) -> None:
        self.language = language
        self.phrases = [tuple(_part(t, language) for t in term.split()) for term in terms]

    def positions(self, clause: Clause) -> list[tuple[int, str]]:
        """Where in the clause each term starts, with the words in the text's own spelling."""
        words, hits = clause.words, []
        for phrase in self.phrases:
            for start in range(len(words) - len(phrase) + 1):
                window = words[start : start + len(phrase)]
                if all(part.matches(word) for part, word in zip(phrase, window, strict=True)):
                    hits.append((start, " ".join(word.lower for word in window)))
        return sorted(hits)

    def find(self, clause: Clause) -> list[str]:
        return [hit for _start, hit in self.positions(clause)]

    def __contains__(self, clause: Clause) -> bool:
        return bool(self.find(clause))


def terms(**by_language: str) -> dict[str, Terms]:
    """Terms per language from one line of terms each, separated by commas."""
    return {
        language: Terms(language, [t.strip() for t in line.split(",") if t.strip()])
        for language, line in by_language.items()
    }


def found(
    text: str, language: str, vocabulary: dict[str, Terms], *, negated: bool = False
) -> list[str]:
    """The terms of the text in clauses that are not negated (or, with negated=True, any)."""
    words = vocabulary.get(language)
    if words is None:
        return []
    hits: list[str] = []
    for clause in clauses(text, language):
        if negated or not clause.negated:
            hits += words.find(clause)
    return list(dict.fromkeys(hits))


def quoted(hits: Iterable[str]) -> str:
    return ", ".join(f"“{hit}”" for hit in dict.fromkeys(hits))
