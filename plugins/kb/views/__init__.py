"""What pages show: template data for pages, finders and generated pages, addresses, handouts and dates."""
