"""Content: campaign files read with positions, validated against the field table, into the model."""
