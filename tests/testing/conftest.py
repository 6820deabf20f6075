"""The case-file tests run pytest inside pytest (``pytester``) to see what a user sees."""

pytest_plugins = ["pytester"]
