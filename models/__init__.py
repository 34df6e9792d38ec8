"""The shipped default model (``default.skops``) and its card; installed as ``classifier.models``."""
