# ruff: noqa
"""A BaseException subclass (not an Exception) raised at import."""


class Escape(BaseException):
    pass

raise Escape("past every `except Exception`")
