"""Cases are not in the admin at all, for anybody (issue 17).

Cases, their events, consents, summaries and the access log hold 要配慮個人情報: only assigned
workers and the case supervisor read them, in /cases/, and every read is logged there. An admin
page would be a second way in that the log does not see, for installation administrators too.
"""
