"""The content model: front matter, field types and the vocabulary, the models and the page-type registry,
the site's reserved addresses, and the knowledge base in memory."""
