"""caac: the toolkit of the Security Council Working Group on Children and Armed Conflict."""

__version__ = "0.1.0"
