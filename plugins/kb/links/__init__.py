"""The link graph: references, backlinks, related pages, facets and glossary linking."""
