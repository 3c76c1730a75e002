"""User-facing wording in English and Russian, read from the catalogues in locale/."""
