"""nlp/slant"""
