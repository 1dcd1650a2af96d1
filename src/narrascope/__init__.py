"""narrascope: who says what happened, on what evidence, and how they tell it."""

__version__ = "0.1.0"
SCHEMA_TAG = "narrascope/document/1"
