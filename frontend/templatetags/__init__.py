"""Template tags of the pages: the home page's list helpers and the inlined stylesheet."""
