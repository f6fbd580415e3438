"""shinchoku: progress management of a city's 再犯防止推進計画."""
