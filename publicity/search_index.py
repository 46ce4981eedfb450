"""Short-term search index: the distinct characters and character pairs of a disclosure's search
text, stored space-separated in `Disclosure.search_tokens`. On PostgreSQL a GIN index on
`string_to_array(search_tokens, ' ')` (publicity migration 0003) finds the rows holding a 1- or
2-character term, which the trigram index cannot serve (it needs 3+ characters). Both sides are
folded with the same function, as PostgreSQL's UPPER() folds the characters term_token accepts, so
a row holds a term's token exactly when its text contains the term (tests compare the two)."""

SEPARATOR = " "
# Terms this long or shorter use the token index; longer ones use the trigram index.
MAX_TOKEN_LENGTH = 2


def _fold(char: str) -> str:
    # One-to-one upper-casing, like PostgreSQL's UPPER() that `icontains` compares with.
    upper = char.upper()
    return upper if len(upper) == 1 else char


def search_tokens(text: str) -> str:
    folded = "".join(_fold(char) for char in text)
    tokens = set()
    for start in range(len(folded)):
        for length in range(1, MAX_TOKEN_LENGTH + 1):
            token = folded[start:start + length]
            if len(token) == length and not any(char.isspace() for char in token):
                tokens.add(token)
    return SEPARATOR.join(sorted(tokens))


def term_token(term: str) -> str | None:
    """The token every text containing `term` holds, or None when the token index cannot serve the
    term: too long, or made of letters whose case folding might differ between Python and the
    database (only ASCII and caseless characters such as Chinese, digits and punctuation qualify)."""
    if not term or len(term) > MAX_TOKEN_LENGTH or any(char.isspace() for char in term):
        return None
    if not all(char.isascii() or char.upper() == char.lower() for char in term):
        return None
    return "".join(_fold(char) for char in term)
