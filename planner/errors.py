"""Error types: a UserError is bad input the user can fix (exit 2); anything else is a bug or run failure."""

from __future__ import annotations


class UserError(Exception):
    """Bad input: the message names the file, the field and the fix. The CLI prints it and exits 2."""


class ProfileError(UserError):
    """A business profile file that cannot be loaded or does not validate."""


class InputFileError(UserError):
    """A JSON Lines (or other) input file with a bad line."""


class EmbeddingModelError(Exception):
    """The bundled embedding model is missing or corrupted: a broken install, not bad user input."""


class CannotRefine(Exception):
    """An edit the offline composer cannot make, or one that would change nothing: said plainly (exit 1)."""
