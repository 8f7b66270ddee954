"""The file formats `corpus.load` reads, by name suffix.

Apart from the loaders, which import the HTML parser, so that a front can name them without loading it.
"""

SUPPORTED = (".txt", ".md", ".html", ".htm", ".jsonl", ".jsonl.gz")
# Files larger than this are not opened (operators raise it with NEWSDESK_MAX_FILE_BYTES).
MAX_FILE_BYTES = 200_000_000
