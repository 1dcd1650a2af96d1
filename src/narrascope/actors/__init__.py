"""Actors: the knowledge base of states, groups, media, persons and places, and linking to it."""
