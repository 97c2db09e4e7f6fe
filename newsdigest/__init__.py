"""newsdigest: a static-site news digest generator."""

__version__ = "0.1.0"
USER_AGENT = f"newsdigest/{__version__} (+https://github.com/newsdigest/newsdigest; static news digest generator)"
