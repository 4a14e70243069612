"""The spaCy side of crible: extensions, registered components and the pipeline loader."""
