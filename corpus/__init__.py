"""Articles: loading files of many formats, cleaning scraped text, inferring missing metadata."""
