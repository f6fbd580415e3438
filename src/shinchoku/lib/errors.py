"""The one error base class of the service layer.

Every service (a named write, in an app's ``services.py`` or beside it) raises a subclass of
``ServiceError`` when a step cannot be taken now. Its message is Japanese and says what the
person can do; a view catches ``ServiceError`` (and the domain's ``DomainError``) and shows the
message with the typed input kept. Nothing else a service raises is meant for a person.
"""


class ServiceError(Exception):
    """A write that cannot be taken now; ``str(error)`` is the Japanese message to show."""
