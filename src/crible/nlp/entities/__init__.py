"""nlp/entities"""
