#!/usr/bin/env python3
"""Check the empathy marker catalogue and the labelled evaluation set.

    python3 test/check_empathy_data.py [--simulate]

Checks data/builtin/markers.tsv (columns, categories, strengths, phrase
form, no two phrases equal once contractions are expanded, fillers skipped
and words stemmed) and data/empathy_eval.tsv (header, columns, allowed
values, at least three replies per message, ranks within 1..k, one
customer message per group).  Prints counts; exits 1 on any error.

--simulate runs a rough leftmost-longest phrase match of the catalogue over
the evaluation replies and prints how often the strongest matched level of
each mechanism equals the label: a sanity check of the data, not the
engine's scorer.  Stemming uses libstemmer (Snowball English) through
ctypes when it is installed, and lowercasing otherwise.
"""
import collections
import ctypes
import ctypes.util
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MARKERS = os.path.join(ROOT, "data", "builtin", "markers.tsv")
EVAL = os.path.join(ROOT, "data", "empathy_eval.tsv")

CATEGORIES = [
    "emotional_reaction", "interpretation", "exploration", "confirmation",
    "apology", "validation", "ownership", "gratitude", "reassurance",
    "scripted", "blame", "dismissive", "minimizing",
]
EVAL_HEADER = ("group\tchannel\tindustry\tcustomer_name\tcustomer_message\t"
               "reply_id\tagent_reply\tneeded\temotional_reaction\t"
               "interpretation\texploration\trank\tnote")
CHANNELS = {"chat", "email", "social"}

# Words a matcher may skip as intensifiers or fillers: phrases must not
# contain them (they would be skipped there too, or make two phrases equal).
FILLERS = set("""so really very truly totally completely absolutely extremely
incredibly terribly awfully deeply sincerely sincere genuinely quite super
such um uh er hmm well actually basically literally honestly definitely
certainly entirely fully utterly highly massively hugely rather pretty""".split())

CONTRACTIONS = {
    "i'm": "i am", "i've": "i have", "i'll": "i will", "i'd": "i would",
    "you're": "you are", "you've": "you have", "you'll": "you will",
    "you'd": "you would", "we're": "we are", "we've": "we have",
    "we'll": "we will", "we'd": "we would", "they're": "they are",
    "they've": "they have", "they'll": "they will", "it's": "it is",
    "that's": "that is", "there's": "there is", "here's": "here is",
    "what's": "what is", "who's": "who is", "let's": "let us",
    "don't": "do not", "doesn't": "does not", "didn't": "did not",
    "can't": "can not", "cannot": "can not", "won't": "will not",
    "wouldn't": "would not", "shouldn't": "should not",
    "couldn't": "could not", "isn't": "is not", "aren't": "are not",
    "wasn't": "was not", "weren't": "were not", "haven't": "have not",
    "hasn't": "has not", "hadn't": "had not", "mustn't": "must not",
    "needn't": "need not",
}
NEGATORS = {"not", "no", "never", "nothing", "without"}

# Emotion words for the {feeling} placeholder in --simulate only (stems).
FEELING_WORDS = """frustrating frustrated frustration upsetting upset stressful
stressed stress worrying worried worry anxious anxiety annoying annoyed
annoyance disappointing disappointed disappointment scary scared frightening
terrifying terrified alarming alarmed distressing distressed infuriating
infuriated angry anger maddening exasperating exasperated confusing confused
overwhelming overwhelmed exhausting exhausted embarrassing embarrassed
hurtful hurt devastating devastated heartbreaking nervous afraid fear
irritating irritated aggravating horrible awful miserable painful sad
unsettling unnerving worrisome inconvenient draining tiring""".split()


class Stemmer:
    """Stem English words with libstemmer when available."""

    def __init__(self):
        self.fn = None
        self.cache = {}
        name = ctypes.util.find_library("stemmer") or "libstemmer.so.0d"
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            return
        lib.sb_stemmer_new.restype = ctypes.c_void_p
        lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        lib.sb_stemmer_stem.restype = ctypes.POINTER(ctypes.c_ubyte)
        lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                        ctypes.c_int]
        lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
        st = lib.sb_stemmer_new(b"english", None)
        if st:
            self.lib, self.st, self.fn = lib, st, True

    def __call__(self, word):
        if not self.fn or word == "{feeling}":
            return word
        if word not in self.cache:
            b = word.encode()
            p = self.lib.sb_stemmer_stem(self.st, b, len(b))
            n = self.lib.sb_stemmer_length(self.st)
            self.cache[word] = bytes(p[:n]).decode()
        return self.cache[word]


STEM = Stemmer()
TOKEN = re.compile(r"\{feeling\}|[a-z0-9]+(?:'[a-z]+)?")


def normalize(text):
    """Return the token stems of text: contractions expanded, fillers skipped."""
    text = text.lower().replace("\u2019", "'")
    out = []
    for tok in TOKEN.findall(text):
        for w in CONTRACTIONS.get(tok, tok).split():
            if w.endswith("'s"):
                w = w[:-2]
            if w in FILLERS:
                continue
            out.append(STEM(w))
    return out


def check_markers(errors):
    """Check the marker catalogue; return its entries."""
    entries = []
    seen = {}
    with open(MARKERS, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line == "" or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = "markers.tsv:%d" % n
            if len(cols) != 3:
                errors.append("%s: %d columns, expected 3" % (where, len(cols)))
                continue
            cat, strength, phrase = cols
            if cat not in CATEGORIES:
                errors.append("%s: unknown category %r" % (where, cat))
            if strength not in ("1", "2"):
                errors.append("%s: strength %r is not 1 or 2" % (where, strength))
            # "t&cs": the tokenizer splits words at "&", as the engine does
            if not re.fullmatch(r"(\{feeling\}|[a-z']+(&[a-z']+)*)( (\{feeling\}|[a-z']+(&[a-z']+)*))*",
                                phrase):
                errors.append("%s: badly formed phrase %r" % (where, phrase))
            words = phrase.split()
            bad = [w for w in words if w in FILLERS]
            if bad:
                errors.append("%s: phrase %r holds skipped words %s"
                              % (where, phrase, bad))
            key = tuple(normalize(phrase))
            if not key:
                errors.append("%s: phrase %r is empty once normalized"
                              % (where, phrase))
            if key in seen:
                errors.append("%s: phrase %r equals line %d once normalized"
                              % (where, phrase, seen[key][0]))
            else:
                seen[key] = (n, cat, int(strength) if strength.isdigit() else 0)
            entries.append((cat, int(strength) if strength.isdigit() else 0,
                            phrase, key))
    return entries


def check_eval(errors):
    """Check the evaluation set; return its rows as dicts."""
    rows = []
    with open(EVAL, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != EVAL_HEADER:
        errors.append("empathy_eval.tsv: header differs from the expected one")
        return rows
    names = EVAL_HEADER.split("\t")
    for n, line in enumerate(lines[1:], 2):
        where = "empathy_eval.tsv:%d" % n
        cols = line.split("\t")
        if len(cols) != len(names):
            errors.append("%s: %d columns, expected %d" % (where, len(cols), len(names)))
            continue
        r = dict(zip(names, cols))
        r["line"] = n
        if "\\n" in line or "\r" in line:
            errors.append("%s: a newline escape or carriage return" % where)
        for c in ("group", "reply_id", "rank"):
            if not re.fullmatch(r"[1-9][0-9]*", r[c]):
                errors.append("%s: %s %r is not a positive integer" % (where, c, r[c]))
        if r["channel"] not in CHANNELS:
            errors.append("%s: channel %r" % (where, r["channel"]))
        if not r["industry"] or r["industry"] != r["industry"].strip():
            errors.append("%s: industry %r" % (where, r["industry"]))
        if r["customer_name"] and not re.fullmatch(r"[^\s].*[^\s]|[^\s]", r["customer_name"]):
            errors.append("%s: customer_name %r" % (where, r["customer_name"]))
        if r["needed"] not in ("t", "f"):
            errors.append("%s: needed %r" % (where, r["needed"]))
        for c in ("emotional_reaction", "interpretation", "exploration"):
            if r[c] not in ("0", "1", "2"):
                errors.append("%s: %s %r" % (where, c, r[c]))
        for c in ("customer_message", "agent_reply", "note"):
            if not r[c].strip() or r[c] != r[c].strip():
                errors.append("%s: %s is empty or has edge spaces" % (where, c))
        rows.append(r)
    groups = collections.OrderedDict()
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    for g, rs in groups.items():
        first = rs[0]
        for r in rs[1:]:
            for c in ("channel", "industry", "customer_name", "customer_message", "needed"):
                if r[c] != first[c]:
                    errors.append("group %s: %s differs at line %d" % (g, c, r["line"]))
        k = len(rs)
        if k < 3:
            errors.append("group %s: %d replies, expected at least 3" % (g, k))
        ids = sorted(int(r["reply_id"]) for r in rs if r["reply_id"].isdigit())
        if ids != list(range(1, k + 1)):
            errors.append("group %s: reply ids %s are not 1..%d" % (g, ids, k))
        ranks = [int(r["rank"]) for r in rs if r["rank"].isdigit()]
        if any(x < 1 or x > k for x in ranks):
            errors.append("group %s: a rank outside 1..%d" % (g, k))
        if ranks and min(ranks) != 1:
            errors.append("group %s: no reply ranked 1" % g)
        if len({r["agent_reply"] for r in rs}) != k:
            errors.append("group %s: two identical replies" % g)
    msgs = collections.Counter(rs[0]["customer_message"] for rs in groups.values())
    for m, c in msgs.items():
        if c > 1:
            errors.append("the customer message %r opens %d groups" % (m[:40], c))
    return rows, groups


def match(entries, text, feelings):
    """Return (category, strength, phrase) of each leftmost-longest match."""
    found = []
    for clause in re.split(r"[.!?;:\n]+(?:\s|$)", text):
        found.extend(match_clause(entries, clause, feelings))
    return found


def match_clause(entries, text, feelings):
    """Match within one clause: phrases do not run across sentence ends."""
    toks = normalize(text)
    by_first = collections.defaultdict(list)
    for cat, strength, phrase, key in entries:
        by_first[key[0]].append((key, cat, strength, phrase))
    by_first_feeling = by_first.get("{feeling}", [])
    found = []
    i = 0
    while i < len(toks):
        best = None
        for key, cat, strength, phrase in by_first.get(toks[i], []) + by_first_feeling:
            if i + len(key) > len(toks):
                continue
            if all(k == t or (k == "{feeling}" and t in feelings)
                   for k, t in zip(key, toks[i:i + len(key)])):
                if best is None or len(key) > len(best[0]):
                    best = (key, cat, strength, phrase)
        if best:
            negated = any(t in NEGATORS for t in toks[max(0, i - 2):i])
            if not negated:
                found.append(best[1:])
            i += len(best[0])
        else:
            i += 1
    return found


def is_apology(phrase):
    """Tell whether a phrase holds an apology word."""
    return any(t.startswith("apolog") or t == "sorri" for t in normalize(phrase))


def simulate(entries, rows):
    """Compare phrase-only levels with the labels."""
    feelings = {STEM(w) for w in FEELING_WORDS}
    mech = {"emotional_reaction": ["emotional_reaction"],
            "interpretation": ["interpretation"],
            "exploration": ["exploration", "confirmation"]}
    agree = collections.Counter()
    confusion = {m: collections.Counter() for m in mech}
    hits = collections.Counter()
    for r in rows:
        found = match(entries, r["agent_reply"], feelings)
        for cat, _, _ in found:
            hits[cat] += 1
        for m, cats in mech.items():
            level = max([s for c, s, _ in found if c in cats] or [0])
            if m == "emotional_reaction" and level == 0 and any(
                    c == "apology" or (c == "scripted" and is_apology(p))
                    for c, s, p in found):
                level = 1       # a bare apology is generic care
            if m == "exploration" and all(c == "confirmation" for c, s, _ in found if c in cats):
                level = min(level, 1)
            confusion[m][(int(r[m]), level)] += 1
            agree[m] += int(r[m]) == level
    n = len(rows)
    print("simulate: phrase-only level equals the label (an apology alone counts as"
          " a weak emotional reaction; phrases do not cross sentence ends)")
    for m in mech:
        print("  %-20s %5.1f%%  (label,predicted): %s" % (
            m, 100.0 * agree[m] / max(n, 1),
            " ".join("%d,%d=%d" % (a, b, c) for (a, b), c in sorted(confusion[m].items()))))
    print("  matches per category: " + ", ".join(
        "%s %d" % (c, hits[c]) for c in CATEGORIES))


def main():
    errors = []
    entries = check_markers(errors)
    by_cat = collections.Counter((c, s) for c, s, _, _ in entries)
    print("markers.tsv: %d entries" % len(entries))
    for c in CATEGORIES:
        print("  %-20s %4d  (strength 1: %d, strength 2: %d)" % (
            c, by_cat[(c, 1)] + by_cat[(c, 2)], by_cat[(c, 1)], by_cat[(c, 2)]))
    if len(entries) < 400:
        errors.append("markers.tsv: %d entries, expected at least 400" % len(entries))
    if os.path.exists(EVAL):
        rows, groups = check_eval(errors)
        print("empathy_eval.tsv: %d groups, %d replies" % (len(groups), len(rows)))
        first = [rs[0] for rs in groups.values()]
        for c in ("channel", "needed", "industry"):
            cnt = collections.Counter(r[c] for r in first)
            print("  messages by %s: %s" % (c, ", ".join(
                "%s %d" % kv for kv in sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0])))))
        cnt = collections.Counter(r["channel"] for r in rows)
        print("  replies by channel: " + ", ".join("%s %d" % kv for kv in sorted(cnt.items())))
        for c in ("emotional_reaction", "interpretation", "exploration"):
            cnt = collections.Counter(r[c] for r in rows)
            print("  replies by %s level: %s" % (c, ", ".join(
                "%s %d" % kv for kv in sorted(cnt.items()))))
        named = sum(1 for r in first if r["customer_name"])
        print("  messages with a customer name: %d of %d" % (named, len(first)))
        if len(groups) < 110 or len(rows) < 330:
            errors.append("empathy_eval.tsv: expected at least 110 groups and 330 replies")
        if "--simulate" in sys.argv:
            simulate(entries, rows)
    for e in errors:
        print("error: " + e)
    print("%d errors" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
