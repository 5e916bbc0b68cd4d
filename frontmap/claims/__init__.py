"""Stage 4, claims: who claims what about which place, with what stance, from the report's sentences and places."""
