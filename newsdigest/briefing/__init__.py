"""The day's briefing: which reports are news, how important each story is, and the five lines on top.

Sits after stories and before site: it reads stories and analysed articles and returns plain data.
"""
