"""Safety and files of the output: the sanitiser, the Content-Security-Policy, the site folder,
the editor's configuration, the JSON Schema and `build.py new`."""
