"""Everything crible prints or writes is rendered here from the one result model."""
