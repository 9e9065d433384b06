"""Web plumbing shared by every feature: access, form errors, i18n, error pages."""
