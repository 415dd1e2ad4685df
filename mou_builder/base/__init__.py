"""What every stage shares. Takes nothing from the other stages; gives the errors and
console messages, text per language, dates, SDG targets, atomic writes and the word diff.
"""
