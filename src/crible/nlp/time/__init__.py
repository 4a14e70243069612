"""nlp/time"""
