"""What the plans app announces to the layers above it, which it may not import.

`entry_step_taken` is sent inside the step's own transaction (the workflow service's
@transaction.atomic), right after the step and its event are saved; a receiver's writes commit or
roll back with the step, and a receiver's error aborts the step (sent with `send`, not
`send_robust`). The notifications app connects to it in its AppConfig.ready().
"""

from django.dispatch import Signal

# sender=YearlyEntry; keywords: entry (the locked, saved YearlyEntry), action (an
# EntryEvent.Action value), actor (the User who took the step), comment (str, may be "").
entry_step_taken = Signal()
