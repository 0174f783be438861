"""Small helpers every part uses: atomic writes, settings from the environment, the user cache, term conversion."""
